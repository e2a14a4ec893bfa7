import CoachKit
import Foundation

/// Lets a trainee pick a scenario in the terminal: numbered by kind and difficulty.
struct ScenarioPicker {
    var scenarios: [Scenario]
    var style: TextStyle
    var texts: InterfaceCatalogue = .english

    /// The chosen scenario, or `nil` when the trainee ended input.
    func pick(with reader: LineReader) -> Scenario? {
        // The trainee's own language first, then the rest, each by kind and difficulty.
        let sorted = scenarios.sorted {
            ($0.language == texts.language ? 0 : 1, $0.language, $0.kind.rawValue, $0.difficulty, $0.id)
                < ($1.language == texts.language ? 0 : 1, $1.language, $1.kind.rawValue, $1.difficulty, $1.id)
        }
        var text = style.bold(texts(.pickerChoose)) + "\n"
        for (index, scenario) in sorted.enumerated() {
            let level = String(repeating: "●", count: scenario.difficulty) + String(repeating: "○", count: 3 - scenario.difficulty)
            text += "  \(String(index + 1).leftPadded(2)). \(scenario.title)  " + style.dim("\(texts.name(of: scenario.kind)) · \(level) · \(scenario.language) · \(scenario.id)") + "\n"
        }
        reader.show(text)
        reader.setCompletions(sorted.map(\.id))
        reader.setPrompt(ReadlinePrompt.escape(style.bold(texts(.pickerPrompt)) + " "))
        while true {
            switch reader.next(timeout: nil) {
            case .line(let line):
                let answer = line.trimmingCharacters(in: .whitespaces)
                if let number = Int(answer), (1...sorted.count).contains(number) { return sorted[number - 1] }
                if let found = sorted.first(where: { $0.id == answer }) { return found }
                if !answer.isEmpty { reader.show(style.dim("  · " + texts(.pickerNoSuch, ["answer": answer.printable, "count": String(sorted.count)]))) }
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
