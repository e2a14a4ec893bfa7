import CoachKit
import Foundation

/// A session read from a pipe or a file: one reply per line, no prompts, no escape codes.
///
/// The output is a plain transcript followed by the scorecard (or only the JSON
/// result), byte-identical across runs with the same seed and input.
struct PipeSession {
    var controller: SessionController
    var json: Bool
    var view: TranscriptView

    func run() throws {
        show([.customer(controller.opening)], header: true)
        try SessionLaunch.prepare(controller)
        let reader = PipeLineReader()
        var end = SessionEnd.quit
        reading: while !controller.isOver {
            switch reader.next() {
            case .line(let line): show(controller.handle(line: line))
            case .end: break reading
            case .terminate:
                end = .signal
                break reading
            }
        }
        show(controller.finish(because: end))
    }

    func show(_ outputs: [SessionController.Output], header: Bool = false) {
        var text = header && !json ? view.header(seed: controller.seed) : ""
        for output in outputs {
            switch output {
            case .scorecard(let card):
                if json {
                    text += card.json.serialized(pretty: true) + "\n"
                } else {
                    text += "\n" + ScorecardText(style: view.style, texts: view.texts).render(card)
                }
            default:
                if !json { text += view.render(output) + "\n" }
            }
        }
        if !text.isEmpty { StandardOutput.write(text) }
    }
}
