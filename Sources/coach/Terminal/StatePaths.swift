import Foundation

/// Where coach keeps what it remembers between runs for a person at the keyboard.
enum StatePaths {
    /// The readline history of `trainee`: `$XDG_STATE_HOME/coach/histories/<name>`, default
    /// under `~/.local/state`; the folder is created.
    ///
    /// One history per trainee, not per account: on a shared training PC, the Up arrow must
    /// never show one trainee what another typed. The name is written so that any trainee
    /// name is one safe file name (see ``fileName(for:)``).
    static func historyFile(
        trainee: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        let base: String
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            base = state
        } else if let home = environment["HOME"], !home.isEmpty {
            base = home + "/.local/state"
        } else {
            return nil
        }
        let folder = base + "/coach/histories"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            return nil
        }
        return folder + "/" + fileName(for: trainee)
    }

    /// `trainee` as a file name: letters, digits, `-` and `_` as they are, every other byte
    /// of its UTF-8 as `%XX`. Nothing can climb out of the folder (no `/`, no leading `.`),
    /// and two different names never share a file.
    static func fileName(for trainee: String) -> String {
        var name = ""
        for byte in trainee.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                name.append(Character(Unicode.Scalar(byte)))
            default:
                name += String(format: "%%%02X", byte)
            }
        }
        return name.isEmpty ? "%" : name
    }
}
