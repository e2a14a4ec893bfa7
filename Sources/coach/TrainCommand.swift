import ArgumentParser
import CoachKit
import Foundation

/// `coach train`: what to practise next, from the trainee's own records, said in one line and played.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Practise what you need most: picked from your records, explained, and played.",
        discussion: """
            A guideline you broke in at least two of your last ten sessions sends you to the drill that \
            practises it (unless you have passed that drill since); otherwise you play a scenario of the \
            kind of customer where you score lowest, at the level you have earned: the lowest difficulty \
            at which you have not passed every scenario of that kind. docs/training.md has the details.
            """
    )

    @OptionGroup var library: LibraryOptions

    @OptionGroup var records: RecordsOptions

    @OptionGroup var session: SessionOptions

    @Option(help: ArgumentHelp("The language to practise in (default: that of your latest session, else en).", valueName: "code"))
    var lang: String?

    @Option(name: .customLong("pass-mark"), help: ArgumentHelp("The score that passes a scenario or drill (0–100).", valueName: "score"))
    var passMark = 70

    @Flag(help: "Only say what to practise next and why (with --json, as JSON); play nothing.")
    var plan = false

    func validate() throws {
        if let lang, !LanguageCode.isValid(lang) { throw ValidationError(LanguageCode.problem(lang)) }
        guard (0...100).contains(passMark) else { throw ValidationError("--pass-mark must be 0–100") }
    }

    func run() throws {
        let trainee = TraineeName.resolve(session.trainee)
        let sessions: [StoredSession]
        do {
            sessions = try records.openForReading().sessions(.trainee(trainee), resolver: SessionStatus.Resolver(now: Date()))
        } catch {
            throw CommandFailure.unusable("cannot read the records in \(records.databasePath): \(error)")
        }
        let language = lang ?? sessions.max { $0.summary.startedAt < $1.summary.startedAt }?.summary.language ?? "en"
        var diagnostics = DiagnosticCollector()
        let resolved = library.resolved
        let catalogue = DrillCatalogue(library: resolved, diagnostics: &diagnostics)
        let drillIDs = Set(catalogue.drills.flatMap { $0.scenarios.map(\.id) })
        let offers = resolved.loadScenarios(diagnostics: &diagnostics)
            .filter { $0.language == language && !drillIDs.contains($0.id) }
            .map { TrainingPlan.Offer(id: $0.id, title: $0.title, kind: $0.kind, difficulty: $0.difficulty) }
        let drills = catalogue.drills.compactMap { drill -> TrainingPlan.Drill? in
            guard let scenario = drill.scenarios.first(where: { $0.language == language }) else { return nil }
            return TrainingPlan.Drill(
                name: drill.name, scenario: scenario.id, scenarios: Set(drill.scenarios.map(\.id)), guidelines: drill.guidelines)
        }
        let texts = session.interface(in: resolved, scenarioLanguage: language)
        guard
            let next = TrainingPlan.next(
                sessions: sessions, scenarios: offers, drills: drills, passMark: passMark, texts: texts)
        else {
            throw CommandFailure.unusable("the library has no scenarios in '\(language)' (coach list shows what there is)")
        }
        if plan {
            if session.json {
                let (kind, id): (String, String) =
                    switch next.choice {
                    case .drill(let name, _, _): ("drill", name)
                    case .scenario(let id, _, _): ("scenario", id)
                    }
                let value = JSONValue.object([
                    ("trainee", .string(trainee)), ("kind", .string(kind)), ("id", .string(id)),
                    ("scenario", .string(next.choice.scenarioID)), ("reason", .string(next.reason)),
                ])
                StandardOutput.write(value.serialized(pretty: true) + "\n")
            } else {
                StandardOutput.write(texts(.trainNext, ["reason": next.reason]) + "\n")
            }
            return
        }
        guard let scenario = resolved.scenario(next.choice.scenarioID, diagnostics: &diagnostics),
            let setup = library.pendingSetup(for: scenario, diagnostics: &diagnostics)
        else {
            DiagnosticPrinter.standardError.print(diagnostics.sorted)
            throw ExitStatus.unusable
        }
        // Said before the session; with --json standard output carries the result alone.
        let line = texts(.trainNext, ["reason": next.reason]) + "\n\n"
        if session.json { StandardError.write(line) } else { StandardOutput.write(line) }
        var reader: ReadlineReader?
        defer { reader?.close() }
        try SessionLaunch.run(setup, library: library.resolved, options: session, records: records, reader: &reader)
    }
}
