import ArgumentParser
import CoachKit
import Foundation

/// `coach score`: a real chat or call, scored on the same scorecard as a played scenario.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score the agent's side of a real conversation (a transcript file).",
        discussion: """
            A transcript is plain text, one line per turn, each beginning with who spoke:
              customer: My bill doubled and nobody can tell me why.
              agent: I'm sorry to hear that. Could you read me the meter?
            Settings may come first (title:, language:, kind:, customer-name:), lines starting with # are \
            comments, and a line without a label goes on with the last speaker. JSON works too: \
            {"language": "en", "kind": "provocateur", "lines": [{"speaker": "customer", "text": "…"}]}. \
            The format and how a real conversation is scored: docs/real-conversations.md.
            """
    )

    @OptionGroup var library: LibraryOptions

    @Option(help: "The language, instead of the file's (default en).")
    var lang: String?

    @Option(help: ArgumentHelp("The kind of customer, instead of the file's: genuine-grievance (default), overly-demanding or provocateur.", valueName: "kind"))
    var kind: String?

    @Option(help: ArgumentHelp("The customer's name (repeatable), instead of the file's.", valueName: "name"))
    var customer: [String] = []

    @Option(help: ArgumentHelp("The agent's name on the scorecard.", valueName: "name"))
    var trainee: String?

    @OptionGroup var interface: InterfaceOptions

    @Flag(help: "Print the scorecard as JSON (the document of `coach play --json`); several files give an array.")
    var json = false

    @Argument(help: ArgumentHelp("Transcript files.", valueName: "file"))
    var files: [String]

    func validate() throws {
        if let lang, !LanguageCode.isValid(lang) { throw ValidationError(LanguageCode.problem(lang)) }
        if let kind, Scenario.Kind(rawValue: kind) == nil {
            throw ValidationError(
                "unknown kind '\(kind)'; use one of \(Scenario.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if files.isEmpty { throw ValidationError("name a transcript file") }
    }

    func run() throws {
        let lib = library.resolved
        var diagnostics = DiagnosticCollector()
        guard let rubric = lib.loadRubric(diagnostics: &diagnostics) else {
            DiagnosticPrinter.standardError.print(diagnostics.sorted)
            throw ExitStatus.unusable
        }
        var cards: [(card: Scorecard, texts: InterfaceCatalogue)] = []
        var detectors: [String: MoveDetector] = [:]
        for file in files {
            guard var conversation = RealConversation.load(path: file, diagnostics: &diagnostics) else { continue }
            if let lang { conversation.language = lang }
            if let kind { conversation.kind = Scenario.Kind(rawValue: kind)! }
            if !customer.isEmpty { conversation.customerNames = customer }
            let language = conversation.language
            if detectors[language] == nil {
                let path = library.lexiconPath(for: language)
                guard let lexicon = LexiconLoader.load(path: path, diagnostics: &diagnostics) else { continue }
                detectors[language] = MoveDetector(lexicon: lexicon)
            }
            guard let detector = detectors[language] else { continue }
            // Feedback in the conversation's language, around it the interface's (docs/localisation.md).
            let texts = interface.catalogue(in: lib, scenarioLanguage: language)
            var scratch = DiagnosticCollector()
            let translated = RubricTranslations.apply(to: rubric, language: language, diagnostics: &scratch)
            cards.append(
                (conversation.scorecard(rubric: translated, detector: detector, trainee: trainee ?? "", texts: texts), texts))
        }
        let problems = diagnostics.sorted.filter { $0.severity == .error }
        if !problems.isEmpty { DiagnosticPrinter.standardError.print(problems) }
        if json {
            let value = cards.count == 1 && files.count == 1 ? cards[0].card.json : .array(cards.map(\.card.json))
            StandardOutput.write(value.serialized(pretty: true) + "\n")
        } else {
            let style = TerminalStyle.standardOutput
            StandardOutput.write(cards.map { ScorecardText(style: style, texts: $0.texts).render($0.card) }.joined(separator: "\n"))
        }
        if !problems.isEmpty { throw ExitStatus.unusable }
    }
}
