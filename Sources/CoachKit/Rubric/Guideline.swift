/// Guideline ids (`G1` … `G46`, GUIDELINES.md) as the rubric cites them.
public enum Guideline {
    /// The guideline's number, if `id` is one (`G27` → 27).
    public static func number(_ id: String) -> Int? {
        guard id.hasPrefix("G"), let number = Int(id.dropFirst()), number > 0 else { return nil }
        return number
    }

    /// Numeric order: `G2` before `G10`; ids that are not guidelines last, by text.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        switch (number(a), number(b)) {
        case let (x?, y?): x < y
        case (_?, nil): true
        case (nil, _?): false
        case (nil, nil): a < b
        }
    }
}
