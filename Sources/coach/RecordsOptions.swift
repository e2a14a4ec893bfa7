import ArgumentParser
import CoachKit
import Foundation

/// Where sessions are recorded: `--db`, else `$COACH_DB`, else the user's data directory.
struct RecordsOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The session database (default: $COACH_DB, else $XDG_DATA_HOME/coach/sessions.sqlite).", valueName: "path"))
    var db: String?

    /// The database file these options name.
    var databasePath: String { StoreLocation.path(option: db) }

    /// The recorder a session writes through, or `nil` when the database cannot be opened:
    /// then a warning says so and the session is played unrecorded, rather than not at all.
    /// (It never throws; `throws` keeps the call sites' `try` meaningful for later changes.)
    func openRecorder() throws -> SessionRecorder? {
        let path = databasePath
        do {
            return WarningRecorder(StoreRecorder(store: try SessionStore(path: path)), path: path)
        } catch {
            RecordsWarning.print("\(error); this session will not be recorded")
            return nil
        }
    }

    /// The database for reading, or an empty one if the file does not exist yet.
    func openForReading() throws -> SessionStore {
        try SessionStore.openForReading(path: databasePath)
    }
}

/// `coach: warning: …` on standard error.
enum RecordsWarning {
    static func print(_ message: String) {
        let style = TerminalStyle.standardError
        StandardError.write("coach: \(style.yellow(style.bold("warning"))): \(message.printable)\n")
    }
}

/// Passes every call to the store's recorder and tells the person when records fall behind.
///
/// The controller keeps the errors and the live terminal shows them; a session from a pipe
/// has no such place, so the first failure is reported here on standard error. Failed writes
/// stay queued in the recorder and are retried; if some are still unwritten when the session
/// ends, that is said too — never silently.
final class WarningRecorder: SessionRecorder {
    let inner: StoreRecorder
    let path: String
    private var warned = false

    init(_ inner: StoreRecorder, path: String) {
        self.inner = inner
        self.path = path
    }

    func sessionStarted(_ start: SessionStart) throws { try pass { try inner.sessionStarted(start) } }
    func turnRecorded(_ turn: TurnRecord) throws { try pass { try inner.turnRecorded(turn) } }
    func sessionEventRecorded(_ event: SessionEventRecord) throws { try pass { try inner.sessionEventRecorded(event) } }

    func sessionFinished(_ scorecard: Scorecard, at time: Date, end: SessionEnd) throws {
        do {
            try inner.sessionFinished(scorecard, at: time, end: end)
        } catch {
            RecordsWarning.print("the session could not be fully recorded in \(path): \(error)")
            throw error
        }
    }

    private func pass(_ call: () throws -> Void) throws {
        do {
            try call()
        } catch {
            if !warned && isatty(STDIN_FILENO) == 0 {
                warned = true
                RecordsWarning.print("recording in \(path) failed (\(error)); the session goes on and recording is retried")
            }
            throw error
        }
    }
}
