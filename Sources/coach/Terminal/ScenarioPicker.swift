import CoachKit
import Foundation

/// Lets a trainee pick a scenario in the terminal: numbered by kind and difficulty.
struct ScenarioPicker {
    var scenarios: [Scenario]
    var style: TextStyle

    /// The chosen scenario, or `nil` when the trainee ended input.
    func pick(with reader: LineReader) -> Scenario? {
        let sorted = scenarios.sorted { ($0.kind.rawValue, $0.difficulty, $0.id) < ($1.kind.rawValue, $1.difficulty, $1.id) }
        var text = style.bold("Choose a customer:") + "\n"
        for (index, scenario) in sorted.enumerated() {
            let level = String(repeating: "●", count: scenario.difficulty) + String(repeating: "○", count: 3 - scenario.difficulty)
            text += "  \(String(index + 1).leftPadded(2)). \(scenario.title)  " + style.dim("\(scenario.kind.rawValue) · \(level) · \(scenario.language) · \(scenario.id)") + "\n"
        }
        reader.show(text)
        reader.setCompletions(sorted.map(\.id))
        reader.setPrompt(ReadlinePrompt.escape(style.bold("number or id ›") + " "))
        while true {
            switch reader.next(timeout: nil) {
            case .line(let line):
                let answer = line.trimmingCharacters(in: .whitespaces)
                if let number = Int(answer), (1...sorted.count).contains(number) { return sorted[number - 1] }
                if let found = sorted.first(where: { $0.id == answer }) { return found }
                if !answer.isEmpty { reader.show(style.dim("  · no scenario '\(answer.printable)'; type a number from 1 to \(sorted.count) or an id")) }
            case .end, .terminate:
                return nil
            case .interrupt, .timeout:
                continue
            }
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
