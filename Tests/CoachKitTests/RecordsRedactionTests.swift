import Foundation
import Testing

@testable import CoachKit

/// What of an LRS URL may be printed or stored: never a query (a token, perhaps) or a user.
@Suite struct RecordsRedactionTests {
    @Test(arguments: [
        ("https://lrs.example/xapi/statements", "https://lrs.example/xapi/statements"),
        ("https://lrs.example/xapi/statements?token=abc", "https://lrs.example/xapi/statements?REDACTED"),
        ("https://u:pw@lrs.example:8443/xapi?key=1&secret=2#part", "https://lrs.example:8443/xapi?REDACTED"),
        ("http://127.0.0.1:9/xapi/", "http://127.0.0.1:9/xapi/"),
    ])
    func aURLIsShownWithoutItsQueryOrUser(url: String, shown: String) {
        #expect(URLRedaction.text(URL(string: url)!) == shown)
        #expect(URLRedaction.text(url) == shown)
    }

    @Test(arguments: [
        ("lrs example/x?token=abc", "lrs example/x?REDACTED"),
        ("ht tp://u:pw@lrs.example/x?t=1", "ht tp://lrs.example/x?REDACTED"),
        ("not a url", "not a url"),
    ])
    func textThatIsNoURLIsRedactedToo(text: String, shown: String) {
        #expect(URLRedaction.text(text) == shown)
    }

    @Test func theBadEndpointMessageHidesTheToken() throws {
        let error = try #require(throws: LRSConfigurationError.self) {
            try LRSConfigurationError.endpoint("ftp://lrs.example/xapi?token=s3cret-token")
        }
        #expect(error.description == "the LRS endpoint must be an http or https URL: ftp://lrs.example/xapi?REDACTED")
    }

    @Test func messagesThatEchoTheQueryAreScrubbed() {
        let url = URL(string: "https://lrs.example/xapi/statements?token=s3cret%2Btoken&v=1")!
        let echoed = "no route for /xapi/statements?token=s3cret%2Btoken&v=1; token s3cret+token unknown; v=1 kept"
        #expect(
            URLRedaction.scrub(echoed, of: url) == "no route for /xapi/statements?REDACTED; token REDACTED unknown; v=1 kept")
        #expect(URLRedaction.host(url) == "lrs.example")
        #expect(URLRedaction.host(URL(string: "http://[::1]:8080/x")!) == "[::1]:8080")
    }
}
