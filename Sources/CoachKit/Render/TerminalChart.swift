/// Charts made of characters, for reports in a terminal: sparklines and bars.
public enum TerminalChart {
    static let ticks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One character per value on a fixed 0–100 scale (so two sparklines compare), the most
    /// recent `width` values only.
    public static func sparkline(_ values: [Int], width: Int = 30) -> String {
        String(values.suffix(width).map { value in
            let clamped = min(max(value, 0), 100)
            return ticks[min(clamped * ticks.count / 100, ticks.count - 1)]
        })
    }

    /// A bar of `width` cells for a 0–100 value, with eighth-cell precision.
    public static func bar(_ value: Int, width: Int = 20) -> String {
        let eighths = min(max(value, 0), 100) * width * 8 / 100
        var text = String(repeating: "█", count: eighths / 8)
        let partial = eighths % 8
        if partial > 0 { text.append(["▏", "▎", "▍", "▌", "▋", "▊", "▉"][partial - 1]) }
        return text + String(repeating: " ", count: width - text.count)
    }

    /// ↑, ↓ or → comparing the average of the later half of `values` with the earlier half
    /// (a change under 5 points is flat); empty with fewer than two values.
    public static func trend(_ values: [Int]) -> String {
        guard values.count >= 2 else { return "" }
        let half = values.count / 2
        let early = Double(values.prefix(half).reduce(0, +)) / Double(half)
        let late = Double(values.suffix(values.count - half).reduce(0, +)) / Double(values.count - half)
        if late - early >= 5 { return "↑" }
        if early - late >= 5 { return "↓" }
        return "→"
    }
}
