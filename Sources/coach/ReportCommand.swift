import ArgumentParser
import CoachKit
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Show progress from the recorded sessions, and export them (JSON, CSV, HTML, xAPI).",
        discussion: """
            Without options: your progress (the trainee is --trainee, else $COACH_TRAINEE, else the login name). \
            --all: one row per trainee, for a training lead. --session ID: one session's transcript and scorecard. \
            --json or --csv print for tools; --html, --xapi and --lrs write or send the same sessions instead of \
            printing the report. Sending to an LRS takes credentials from COACH_LRS_USER and COACH_LRS_PASSWORD \
            (or COACH_LRS_KEY and COACH_LRS_SECRET) and sends only the sessions it has not accepted yet. \
            Exit status: 0 success, 1 some sessions were not accepted by the LRS, 2 the database or a file \
            could not be used. See docs/records.md.
            """
    )

    @OptionGroup var records: RecordsOptions

    @OptionGroup var library: LibraryOptions

    @Option(help: "Whose progress (default: $COACH_TRAINEE, else the login name).")
    var trainee: String?

    @Flag(help: "Every trainee: the cohort view (with --xapi or --lrs: every trainee's sessions).")
    var all = false

    @Option(help: ArgumentHelp("One session, by id or a unique prefix of it.", valueName: "id"))
    var session: String?

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "Print the report as CSV (one row per session; with --all, per trainee).")
    var csv = false

    @Option(help: ArgumentHelp("Write a self-contained HTML report with charts and transcripts.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Write the sessions as xAPI 1.0.3 statements (a JSON array; - for standard output).", valueName: "file"))
    var xapi: String?

    @Option(help: ArgumentHelp("POST the sessions' xAPI statements to this Learning Record Store endpoint.", valueName: "url"))
    var lrs: String?

    @Flag(help: "With --xapi or --lrs: add a 'responded' statement for every reply.")
    var xapiReplies = false

    @Option(help: ArgumentHelp("The IRI activities and the trainee's account are named under (default: $COACH_XAPI_BASE, else https://coach.example).", valueName: "iri"))
    var xapiBase: String?

    @Flag(help: "With --lrs: send again sessions the LRS already accepted.")
    var resend = false

    @Option(help: ArgumentHelp("The score a finished session needs to pass, 0–100, or none.", valueName: "score"))
    var passMark = "70"

    /// The language of the text and HTML reports; JSON, CSV and xAPI are machine formats.
    @OptionGroup var interface: InterfaceOptions

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
        if session != nil && all { throw ValidationError("--session names one session; leave out --all") }
        if session != nil && csv { throw ValidationError("--csv lists sessions; use --json for one session") }
        if trainee != nil && all { throw ValidationError("--all shows every trainee; leave out --trainee") }
        if PassMark(argument: passMark) == nil { throw ValidationError("--pass-mark must be 0–100 or none") }
        if xapiReplies && xapi == nil && lrs == nil { throw ValidationError("--xapi-replies goes with --xapi or --lrs") }
        if resend && lrs == nil { throw ValidationError("--resend goes with --lrs") }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let mark = PassMark(argument: passMark) ?? .standard
        let base = xapiBase ?? environment["COACH_XAPI_BASE"].flatMap { $0.isEmpty ? nil : $0 } ?? XAPIStatements.defaultBase
        if xapi != nil || lrs != nil {
            guard let url = URL(string: base), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil
            else { throw ValidationError("--xapi-base (or $COACH_XAPI_BASE) must be an absolute http or https IRI: \(base)") }
        }
        // Check the LRS settings before reading anything, so a typo fails fast.
        var client: LRSClient?
        if let lrs {
            if let missing = IsolatedLRSTransport.missingHelper { throw fail("cannot send to an LRS: \(missing)") }
            do {
                client = LRSClient(
                    endpoint: try LRSConfigurationError.endpoint(lrs), credentials: try LRSCredentials.from(environment: environment),
                    transport: IsolatedLRSTransport())
            } catch {
                throw fail("\(error)")
            }
        }

        let store: SessionStore
        do {
            store = try records.openForReading()
        } catch {
            throw fail("\(error)")
        }
        let resolver = SessionStatus.Resolver(now: Date())
        let name = TraineeName.resolve(trainee)
        let selection: SessionStore.Selection
        if let session {
            do {
                selection = .ids([try store.resolveID(session)])
            } catch {
                throw fail("\(error)")
            }
        } else {
            selection = all ? .all : .trainee(name)
        }
        let sessions: [StoredSession]
        var unreadable: [UnreadableValue] = []
        do {
            sessions = try store.sessions(selection, resolver: resolver, unreadable: &unreadable)
        } catch {
            throw fail("cannot read \(store.path): \(error)")
        }
        for problem in unreadable { RecordsWarning.print(problem.description) }
        // xAPI statements are immutable once an LRS has them: a session read in part is not exported.
        let damaged = Set(unreadable.map(\.session))
        let exportable = sessions.filter { !damaged.contains($0.summary.id) }
        // Those skipped outright (whatever they were) and the finished ones read in part.
        let withheld = damaged.filter { id in
            sessions.first { $0.summary.id == id }.map { $0.summary.hasResult } ?? true
        }.count
        if withheld > 0 && (xapi != nil || lrs != nil) {
            note("\(withheld) session\(withheld == 1 ? "" : "s") with unreadable values gave no xAPI statement")
        }

        if let session, sessions.isEmpty {
            throw fail("the session \(session) could not be read (see the warning above)")
        }

        let exporting = html != nil || xapi != nil || lrs != nil
        let style = TerminalStyle.standardOutput
        let texts = texts()
        if session != nil, let stored = sessions.first {
            if json {
                write(ReportJSON.session(stored, passMark: mark, scorecard: true).serialized(pretty: true) + "\n")
            } else if !exporting {
                write(SessionTranscriptText(style: style, texts: texts).render(stored))
            }
            if let html {
                let report = ProgressReport(trainee: stored.summary.trainee, sessions: [stored], passMark: mark)
                try save(htmlReport(texts).render(report), to: html, what: "the session's report")
            }
        } else if all {
            let cohort = CohortReport(sessions: sessions, passMark: mark)
            if json {
                write(ReportJSON.cohort(cohort).serialized(pretty: true) + "\n")
            } else if csv {
                write(ReportCSV.cohort(cohort))
            } else if !exporting {
                write(ReportText(style: style, texts: texts).render(cohort))
            }
            if let html {
                let scenarios = libraryScenarios()
                let trainees = Dictionary(grouping: sessions, by: \.summary.trainee).sorted { $0.key < $1.key }.map {
                    ProgressReport(trainee: $0.key, sessions: $0.value, passMark: mark, library: scenarios)
                }
                try save(htmlReport(texts).render(cohort, trainees: trainees), to: html, what: "the cohort report")
            }
        } else {
            let report = ProgressReport(trainee: name, sessions: sessions, passMark: mark, library: libraryScenarios())
            if json {
                write(ReportJSON.progress(report).serialized(pretty: true) + "\n")
            } else if csv {
                write(ReportCSV.sessions(report))
            } else if !exporting {
                write(ReportText(style: style, texts: texts).render(report))
                if sessions.isEmpty, let others = try? store.trainees(), !others.isEmpty {
                    note("no sessions for \(name) in \(store.path); it has \(others.count) other trainee\(others.count == 1 ? "" : "s") (--trainee NAME, or --all)")
                }
            }
            if let html { try save(htmlReport(texts).render(report), to: html, what: "the report") }
        }

        let statements = XAPIStatements(base: base, passMark: mark, includeReplies: xapiReplies)
        if let xapi {
            let all = exportable.flatMap(statements.statements(for:))
            let skipped = exportable.filter { !$0.summary.hasResult }.count
            let text = JSONValue.array(all).serialized(pretty: true) + "\n"
            if xapi == "-" {
                write(text)
            } else {
                try save(text, to: xapi, what: "\(all.count) xAPI statement\(all.count == 1 ? "" : "s")")
            }
            if skipped > 0 { note("\(skipped) session\(skipped == 1 ? "" : "s") without a result (interrupted or in progress) gave no statement") }
        }
        if let client {
            let upload = LRSUpload(client: client, statements: statements, store: store)
            let report = upload.run(exportable, resend: resend)
            var summary = "sent \(report.sent.count) session\(report.sent.count == 1 ? "" : "s") to \(upload.endpointKey)"
            if !report.alreadySent.isEmpty { summary += "; \(report.alreadySent.count) already sent" }
            if !report.notFinished.isEmpty { summary += "; \(report.notFinished.count) without a result" }
            note(summary)
            for failure in report.failed {
                note("session \(failure.session): \(failure.message)")
            }
            if let stopped = report.stopped {
                let unsent = report.failed.count + report.unsent.count
                note("stopped: \(stopped)" + (unsent > 0 ? "; \(unsent) session\(unsent == 1 ? "" : "s") left unsent for next time" : ""))
            }
            // A withheld session is one not accepted: the scheduled job should hear of it.
            if !report.succeeded || withheld > 0 { throw ExitStatus.failure }
        }
    }

    /// The library's scenarios, for "try one you have not played"; none if it does not load.
    private func libraryScenarios() -> [ProgressReport.LibraryScenario] {
        var diagnostics = DiagnosticCollector()
        return library.resolved.loadScenarios(diagnostics: &diagnostics).map {
            ProgressReport.LibraryScenario(id: $0.id, title: $0.title, difficulty: $0.difficulty)
        }
    }

    /// The HTML renderer in `texts`' language, with the customer's name in each scenario of
    /// the library (a scenario no longer there shows the catalogue's word for customer).
    private func htmlReport(_ texts: InterfaceCatalogue) -> ReportHTML {
        var diagnostics = DiagnosticCollector()
        let scenarios = library.resolved.loadScenarios(diagnostics: &diagnostics)
        let names = scenarios.compactMap { scenario in scenario.customer.names.first.map { (scenario.id, $0) } }
        return ReportHTML(customerNames: Dictionary(names, uniquingKeysWith: { first, _ in first }), texts: texts)
    }

    /// The reports' language: the option, else the locale's (a report covers sessions in
    /// many languages, so no scenario's language decides); see ``InterfaceLanguage``.
    private func texts() -> InterfaceCatalogue {
        interface.catalogue(in: library.resolved, scenarioLanguage: nil)
    }

    private func write(_ text: String) { StandardOutput.write(text) }

    private func note(_ text: String) { StandardError.write("coach: \(text.printable)\n") }

    private func save(_ text: String, to path: String, what: String) throws {
        do {
            try OutputFile.write(text, to: path)
            note("wrote \(what) to \(path)")
        } catch {
            throw fail("cannot write \(path): \(error)")
        }
    }

    func fail(_ message: String) -> ExitCode { CommandFailure.unusable(message) }
}
