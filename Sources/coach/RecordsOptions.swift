import ArgumentParser
import CoachKit
import Foundation

/// Where sessions are recorded: `--db`, else `$COACH_DB`, else the user's data directory.
struct RecordsOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The session database (default: $COACH_DB, else under $XDG_DATA_HOME/coach).", valueName: "path"))
    var db: String?

    /// The recorder a session writes through; `nil` while records are not implemented.
    func openRecorder() throws -> SessionRecorder? {
        nil
    }
}
