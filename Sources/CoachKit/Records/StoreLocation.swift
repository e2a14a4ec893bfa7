import Foundation

/// Where the session database lives: `--db`, else `$COACH_DB`, else the user's data directory.
///
/// The default follows the XDG base directory rules: `$XDG_DATA_HOME/coach/sessions.sqlite`,
/// and `~/.local/share/coach/sessions.sqlite` when `XDG_DATA_HOME` is unset, empty or
/// relative (the specification says a relative value must be ignored).
public enum StoreLocation {
    /// The file name inside the data folder.
    public static let fileName = "sessions.sqlite"

    /// The database path for an optional `--db` value and the environment.
    public static func path(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String
    {
        if let option, !option.isEmpty { return expandingTilde(option, environment: environment) }
        if let path = environment["COACH_DB"], !path.isEmpty { return expandingTilde(path, environment: environment) }
        return (dataFolder(environment: environment) as NSString).appendingPathComponent(fileName)
    }

    /// `$XDG_DATA_HOME/coach` or `~/.local/share/coach`.
    public static func dataFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return (xdg as NSString).appendingPathComponent("coach")
        }
        return (home(environment) as NSString).appendingPathComponent(".local/share/coach")
    }

    private static func home(_ environment: [String: String]) -> String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        return NSHomeDirectory()
    }

    private static func expandingTilde(_ path: String, environment: [String: String]) -> String {
        if path == "~" { return home(environment) }
        if path.hasPrefix("~/") { return (home(environment) as NSString).appendingPathComponent(String(path.dropFirst(2))) }
        return path
    }
}
