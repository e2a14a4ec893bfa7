/// How fast the customer speaks a line that arrives in parts.
enum Pace: String, CaseIterable {
    /// Every part at once: for scripted use and tests.
    case instant
    /// About the time a person takes to say it.
    case natural
    /// Twice as long: for trainees who read slowly.
    case slow

    /// Seconds before the part after `part` starts.
    func delay(after part: String) -> Double {
        let natural = min(max(0.8 + Double(part.count) * 0.03, 1.0), 4.5)
        switch self {
        case .instant: return 0
        case .natural: return natural
        case .slow: return natural * 2
        }
    }
}
