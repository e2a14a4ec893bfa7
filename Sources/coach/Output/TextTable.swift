/// A plain table for a terminal: columns as wide as their widest cell, the header's included,
/// two spaces apart; the last column is not padded, so no line ends in spaces.
enum TextTable {
    /// `header` is the column names joined by "|", as the interface catalogues write them
    /// ("ID|KIND|LEVEL|LANG|TITLE"), so a translation keeps the columns in one text.
    static func render(header: String, rows: [[String]], bold: (String) -> String) -> String {
        let names = header.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        var widths = names.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return bold(line(names)) + "\n" + rows.map { line($0) + "\n" }.joined()
    }
}
