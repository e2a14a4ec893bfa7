import ArgumentParser
import CoachKit
import Foundation

struct MovesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moves",
        abstract: "Detect the moves in replies.",
        discussion: """
            With TEXT, each argument is one reply; without, one reply per line of standard input.
            --json prints one JSON object per reply: {"text": …, "moves": [{"id", "evidence", "start", "end"}]},
            where start and end count Unicode code points of the text, end exclusive.
            --scenario reads the replies as that scenario does: in its language, with its own phrases: and its \
            customer's names (what its transcript tests see).
            """
    )

    @OptionGroup var library: LibraryOptions

    @Option(help: "The language of the replies (with --scenario: the scenario's).")
    var lang: String?

    @Option(help: ArgumentHelp("Read the replies as this scenario does (an id from `coach list`, or a file).", valueName: "scenario"))
    var scenario: String?

    @Option(name: .customLong("customer"), help: ArgumentHelp("The customer's name (repeatable).", valueName: "name"))
    var customers: [String] = []

    @Flag(help: "One JSON object per reply.")
    var json = false

    @Flag(help: "Show which lexicon entry matched, and matches that were dropped.")
    var explain = false

    @Option(
        name: .customLong("why-not"),
        help: ArgumentHelp(
            "Explain why this move was not detected: dropped matches and why, or the nearest patterns.",
            valueName: "move"))
    var whyNot: String?

    @Argument(help: "Replies to analyse.")
    var text: [String] = []

    /// Replies detected together: enough to keep every core busy, few enough that memory
    /// stays flat whatever the input's size.
    static let batchSize = 512

    /// The language's detector, or the scenario's (its phrases added) with its customer's names.
    func loadDetector() throws -> (MoveDetector, [String]) {
        var diagnostics = DiagnosticCollector()
        if let scenario {
            guard let loaded = library.resolved.scenario(scenario, diagnostics: &diagnostics),
                let setup = library.setup(for: loaded, diagnostics: &diagnostics)
            else {
                DiagnosticPrinter.standardError.print(diagnostics.sorted)
                throw ExitStatus.unusable
            }
            return (setup.detector, loaded.customer.names)
        }
        let lang = lang ?? "en"
        let path = library.lexiconPath(for: lang)
        guard FileManager.default.fileExists(atPath: path),
            let lexicon = LexiconLoader.load(path: path, diagnostics: &diagnostics)
        else {
            if diagnostics.diagnostics.isEmpty {
                diagnostics.error("NO-LEXICON", "no lexicon for language '\(lang)' at \(path)", at: nil)
            }
            DiagnosticPrinter.standardError.print(diagnostics.sorted)
            throw ExitStatus.unusable
        }
        return (MoveDetector(lexicon: lexicon), [])
    }

    func validate() throws {
        if let lang, !LanguageCode.isValid(lang) { throw ValidationError(LanguageCode.problem(lang)) }
        if let lang, let scenario { throw ValidationError("--lang \(lang) and --scenario \(scenario): the scenario says its language") }
        if let whyNot, MoveID(id: whyNot) == nil {
            let known = MoveID.allCases.map(\.rawValue)
            throw ValidationError("unknown move '\(whyNot)'; the moves are \(known.joined(separator: ", "))")
        }
    }

    func run() throws {
        let (detector, scenarioNames) = try loadDetector()
        let names = detector.customerNames(scenarioNames + customers)
        let output = MovesOutput(
            json: json, explain: explain, whyNot: whyNot.flatMap(MoveID.init(id:)), detector: detector, names: names,
            style: TerminalStyle.standardOutput)
        if text.isEmpty {
            // Replies come in batches detected on every core, printed in order. A batch ends
            // when it is full or when no more input is waiting, so a person typing (or
            // `tail -f log | coach moves`) sees each answer at once.
            var batch: [String] = []
            func flush() {
                StandardOutput.write(batch.orderedParallelMap { output.render(detector.detect($0, names: names)) }.joined())
                batch.removeAll(keepingCapacity: true)
            }
            // Nobody reading (`coach moves < big.txt | head`): stop reading too.
            while StandardOutput.isOpen, let line = readLine(strippingNewline: true) {
                batch.append(line.trimmingTrailingCarriageReturn)
                if batch.count >= Self.batchSize || !StandardInput.hasWaitingInput { flush() }
            }
            if StandardOutput.isOpen { flush() }
        } else {
            for reply in text { output.print(detector.detect(reply, names: names)) }
        }
    }
}

extension String {
    var trimmingTrailingCarriageReturn: String { hasSuffix("\r") ? String(dropLast()) : self }
}
