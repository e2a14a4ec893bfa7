import Foundation

/// Reads library files without ever blocking on them or reading more than a bound.
///
/// A FIFO or a device named `*.yaml` in a library folder would hang a plain read for
/// ever; a 3 GB file would be read whole before its size is checked. Opening without
/// blocking and checking the file's kind and size first makes both a diagnostic.
public enum RegularFile {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case cannotOpen
        case notARegularFile
        case tooLarge(limit: Int)

        public var description: String {
            switch self {
            case .cannotOpen: "cannot read the file"
            case .notARegularFile: "not a regular file (a pipe, a device or a folder)"
            case .tooLarge(let limit): "the file is larger than \(limit) bytes"
            }
        }
    }

    /// The bytes of the regular file at `path`, if it has at most `limit` of them.
    public static func read(_ path: String, limit: Int) -> Result<Data, Failure> {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(.cannotOpen) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.cannotOpen) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(.notARegularFile) }
        guard info.st_size <= limit else { return .failure(.tooLarge(limit: limit)) }
        // The size can grow while reading: never take more than one byte past the limit.
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while data.count <= limit {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                data.append(contentsOf: buffer[..<count])
            } else if count == 0 {
                break
            } else if errno != EINTR {
                return .failure(.cannotOpen)
            }
        }
        return data.count > limit ? .failure(.tooLarge(limit: limit)) : .success(data)
    }
}
