import CoachKit
import Foundation

/// The live session: the customer speaks at a human pace while the trainee types.
///
/// Customer lines that come in parts are streamed; a reply sent before the last part
/// is an interruption (G4). A long silence after the customer finished makes them
/// nudge (timed here, at the edge; the engine only sees `silence(seconds:)`).
final class TerminalSession {
    let controller: SessionController
    let reader: LineReader & HistoryKeeping
    let view: TranscriptView
    let pace: Pace
    let json: Bool

    /// Parts still to be spoken, and when the next one is due.
    private var pending: [CustomerLine] = []
    private var pendingParts: [String] = []
    private var nextPartAt: Date?
    /// When the customer nudges a silent trainee; `nil` when the scenario never does.
    private var silence: SilenceWatch?

    init(controller: SessionController, reader: LineReader & HistoryKeeping, view: TranscriptView, pace: Pace, json: Bool) {
        self.controller = controller
        self.reader = reader
        self.view = view
        self.pace = pace
        self.json = json
    }

    var isCustomerSpeaking: Bool { !pendingParts.isEmpty || !pending.isEmpty }

    func run() throws {
        reader.setCompletions(completionWords)
        reader.show(view.header(seed: controller.seed, width: reader.width) + "\n" + view.coaching(view.texts(.sessionStart)))
        silence = controller.scenario.silence.map { SilenceWatch(after: $0.after, from: Date()) }
        speak([controller.opening])
        // The lexicon was compiling while the customer began to speak: no reply is read
        // before it is ready, and a lexicon that failed is said before anything is typed.
        do { try SessionLaunch.prepare(controller) } catch {
            reader.close()
            throw error
        }
        updatePrompt()
        while !controller.isOver {
            let event = reader.next(timeout: nextTimeout())
            switch event {
            case .line(let line):
                reader.remember(line)
                let isCommand = SessionCommand.parse(line).isCommand
                silence?.traineeActive(at: Date(), reply: !isCommand)
                let interrupted = isCustomerSpeaking && !isCommand
                if interrupted { flushPending() }
                present(controller.handle(line: line, interrupted: interrupted))
            case .interrupt:
                break
            case .end, .terminate:
                flushPending()
                present(controller.finish(because: event == .terminate ? .signal : .quit))
            case .timeout:
                tick()
            }
            updatePrompt()
        }
        reader.close()
    }

    // MARK: - Speaking

    private func speak(_ lines: [CustomerLine]) {
        pending += lines
        if pendingParts.isEmpty { startNextLine() }
    }

    private func startNextLine() {
        guard !pending.isEmpty else { return }
        let line = pending.removeFirst()
        pendingParts = line.parts
        sayNextPart()
    }

    private func sayNextPart() {
        guard !pendingParts.isEmpty else { return }
        let part = pendingParts.removeFirst()
        reader.show(view.customer(CustomerLine(source: "", parts: [part], acts: []), width: reader.width))
        if pendingParts.isEmpty && pending.isEmpty {
            nextPartAt = nil
            customerFinished()
        } else {
            let delay = pace.delay(after: part)
            if delay == 0 {
                if pendingParts.isEmpty { startNextLine() } else { sayNextPart() }
            } else {
                nextPartAt = Date().addingTimeInterval(delay)
            }
        }
    }

    private func flushPending() {
        while isCustomerSpeaking {
            if pendingParts.isEmpty { startNextLine() } else { sayNextPart() }
            nextPartAt = nil
        }
    }

    private func customerFinished() {
        silence?.customerFinished(at: Date())
    }

    private func nextTimeout() -> Double? {
        if let nextPartAt { return max(0, nextPartAt.timeIntervalSinceNow) }
        guard let deadline = silence?.deadline else { return nil }
        return max(0.05, deadline.timeIntervalSinceNow)
    }

    private func tick() {
        if let due = nextPartAt, due <= Date() {
            nextPartAt = nil
            if pendingParts.isEmpty { startNextLine() } else { sayNextPart() }
            return
        }
        guard !isCustomerSpeaking, silence != nil else { return }
        if reader.isTyping {
            // Typing is not silence: wait until they stop.
            silence?.traineeActive(at: Date())
            return
        }
        guard let silent = silence?.nudgeIsDue(at: Date()) else { return }
        present(controller.silence(seconds: silent.rounded()))
    }

    // MARK: - Output

    private func present(_ outputs: [SessionController.Output]) {
        var lines: [CustomerLine] = []
        for output in outputs {
            switch output {
            case .customer(let line):
                lines.append(line)
            case .trainee:
                break  // readline already shows what was typed
            case .coaching(let text):
                flushLines(&lines)
                reader.show(view.coaching(text.printable(keepingNewlines: true), width: reader.width))
            case .scorecard(let card):
                flushLines(&lines)
                if json {
                    StandardOutput.write(card.json.serialized(pretty: true) + "\n")
                } else {
                    let text = ScorecardText(style: view.style, texts: view.texts).render(card)
                    reader.show(TextWrap.wrap(text, width: reader.width, indent: 4))
                }
            }
        }
        flushLines(&lines)
        for error in controller.recorderErrors.suffix(1) where !reportedRecorderError {
            reportedRecorderError = true
            reader.show(view.coaching(view.texts(.sessionNotRecorded, ["error": "\(error)"])))
        }
    }

    private var reportedRecorderError = false

    private func flushLines(_ lines: inout [CustomerLine]) {
        guard !lines.isEmpty else { return }
        if controller.isOver || controller.awaitingLastWord {
            // The conversation is over: say it all now rather than keep the trainee waiting.
            for line in lines { reader.show(view.customer(line, width: reader.width)) }
        } else {
            speak(lines)
        }
        lines = []
    }

    private func updatePrompt() {
        let you = view.style.cyan(view.style.bold(view.texts(.promptYou))) + " "
        let speaking = view.texts(.promptCustomerSpeaking, ["customer": controller.customerName])
        let prefix = isCustomerSpeaking ? view.style.dim(speaking + " ") : ""
        reader.setPrompt(ReadlinePrompt.escape(prefix + you))
    }

    private var completionWords: [String] {
        let names = controller.scenario.customer.names
        return names + names.flatMap { $0.split(separator: " ").map(String.init) }
    }
}

/// Something that keeps the trainee's lines in a history.
protocol HistoryKeeping {
    func remember(_ line: String)
}

extension ReadlineReader: HistoryKeeping {}

extension SessionCommand {
    /// Commands are not replies: typing one while the customer speaks is no interruption.
    var isCommand: Bool {
        if case .reply = self { return false }
        return true
    }
}

/// readline counts every byte of a prompt as a column unless escape codes are marked.
enum ReadlinePrompt {
    static func escape(_ prompt: String) -> String {
        var output = ""
        var inEscape = false
        for scalar in prompt.unicodeScalars {
            if scalar == "\u{1B}" {
                output.unicodeScalars.append("\u{01}")
                inEscape = true
            }
            output.unicodeScalars.append(scalar)
            if inEscape && scalar == "m" {
                output.unicodeScalars.append("\u{02}")
                inEscape = false
            }
        }
        return output
    }
}
