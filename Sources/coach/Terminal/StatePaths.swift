import Foundation

/// Where coach keeps per-user state, following the XDG base directory rules.
enum StatePaths {
    /// `$XDG_STATE_HOME/coach/history`, default `~/.local/state/coach/history`; the folder is created.
    static func historyFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let base: String
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            base = state
        } else if let home = environment["HOME"], !home.isEmpty {
            base = home + "/.local/state"
        } else {
            return nil
        }
        let folder = base + "/coach"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            return nil
        }
        return folder + "/history"
    }
}
