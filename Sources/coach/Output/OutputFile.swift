import Foundation

/// Writes a report or export to the path the user gave, whatever is there.
///
/// A regular file (or none yet) is replaced atomically, so a reader never sees half a
/// report. Anything else is written into, never replaced: an atomic write renames a new
/// file over the path, and with the rights to the folder that turns `/dev/null` or a named
/// pipe into a plain file.
enum OutputFile {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func write(_ text: String, to path: String) throws(Failure) {
        var info = stat()
        if stat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR: throw Failure(description: "it is a folder; give a file name")
            case S_IFREG: break
            default:
                let descriptor = open(path, O_WRONLY | O_CLOEXEC)
                guard descriptor >= 0 else { throw Failure(description: String(cString: strerror(errno))) }
                defer { close(descriptor) }
                if let code = writeAll(text, to: descriptor) { throw Failure(description: String(cString: strerror(code))) }
                return
            }
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw Failure(description: Self.describe(error))
        }
    }

    /// Foundation's error in plain words: on Linux its own text is often "NSCocoaErrorDomain
    /// error 512"; the POSIX error underneath says what happened.
    static func describe(_ error: any Error) -> String {
        let bridged = error as NSError
        if let underlying = bridged.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if bridged.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(bridged.code))) }
        switch CocoaError.Code(rawValue: bridged.code) {
        case .fileNoSuchFile: return "no such file or folder"
        case .fileWriteNoPermission, .fileReadNoPermission: return "permission denied"
        case .fileWriteOutOfSpace: return "no space left on the device"
        case .fileWriteVolumeReadOnly: return "the file system is read-only"
        case .fileWriteInvalidFileName: return "not a valid file name"
        default:
            let text = bridged.localizedDescription
            return text.contains("NSCocoaErrorDomain") ? "the file could not be written" : text
        }
    }
}
