import CoachKit
import Foundation

/// One LRS attempt for `coach report --lrs`: an ``LRSWire`` request on standard input, its
/// answer on standard output.
///
/// A program of its own so that `coach` never loads FoundationNetworking (with libcurl and
/// its TLS, Kerberos and LDAP libraries it more than doubled the start-up of every command),
/// and so that nothing an LRS sends can crash the command that holds the records (an answer
/// cut off in its headers makes FoundationNetworking trap).
@main
enum LRSPost {
    static func main() {
        guard let request = LRSWire.decodeRequest(FileHandle.standardInput.readDataToEndOfFile()) else {
            FileHandle.standardError.write(Data("coach-lrs-post: not a request (coach report --lrs runs this program)\n".utf8))
            exit(64)
        }
        let response = URLSessionTransport(timeout: request.timeLimit).post(request)
        FileHandle.standardOutput.write(LRSWire.encode(response))
    }
}
