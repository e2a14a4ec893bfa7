import Foundation
import Testing

/// The HTML report as a training lead opens it: recorded by the real binary, written by
/// `coach report --html`, and rendered by a real browser (headless Chromium, which
/// `.ci/run` installs). The checks read the page the browser built, not the HTML text.
@Suite struct HTMLReportBrowserTests {
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Runs Chromium headless with `arguments`; its standard output, or `nil` if it did not
    /// finish within a minute (it is killed then).
    static func browser(_ arguments: [String]) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(chromium))
        // As root Chromium refuses its sandbox; the page is our own file and runs no script.
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] + arguments
        // A file, not a pipe: a page's DOM is larger than a pipe holds while nobody reads it.
        let output = CoachBinary.temporaryFolder() + "/browser-output"
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = FileHandle.nullDevice
        process.environment = ["HOME": CoachBinary.temporaryFolder(), "PATH": "/usr/bin:/bin"]
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning {
            process.terminate()
            return nil
        }
        return try String(contentsOfFile: output, encoding: .utf8)
    }

    @Test(.enabled(if: chromium != nil, "Chromium is not installed (.ci/run installs it)"))
    func theReportRendersWithCreditsAxesNamesAndTheCustomersLines() throws {
        let sandbox = RecordsBinary.Sandbox()
        for (seed, lines) in [(2, ["What happened?", "I'll call the courier today", "Anything else?", "Thanks, bye"]), (3, ["calm down", "What happened?"])] {
            let played = try RecordsBinary.run(
                ["play", "tiny", "--seed", String(seed), "--trainee", "anna"], input: lines, environment: sandbox.environment())
            #expect(played.status == 0, "\(played.stderr)")
        }
        let file = sandbox.folder + "/report.html"
        let written = try RecordsBinary.run(["report", "--trainee", "anna", "--html", file], environment: sandbox.environment())
        #expect(written.status == 0, "\(written.stderr)")

        let dom = try #require(try Self.browser(["--dump-dom", URL(fileURLWithPath: file).absoluteString]), "Chromium did not finish")
        #expect(dom.contains("<h1>Progress · anna</h1>"))
        #expect(dom.contains("<h4>What went well</h4>"))
        #expect(dom.contains(">score</text>") && dom.contains(">sessions, oldest to newest</text>"))
        #expect(dom.contains(">category</text>"))
        // The customer by name, each part of a line as its own paragraph, inside the transcript.
        #expect(dom.contains("<p class=\"customer\"><b>Anna Varga</b> My parcel never came.</p>"))
        #expect(dom.contains("<p class=\"customer\"><b>Anna Varga</b> It was a present!</p>"))
        #expect(!dom.contains("<b>Customer</b>"))
        #expect(dom.components(separatedBy: "<details").count - 1 == 2)

        // And the browser lays it out: a screenshot of a real size, not an empty page.
        let shot = sandbox.folder + "/report.png"
        _ = try Self.browser(["--screenshot=\(shot)", "--window-size=1000,1600", URL(fileURLWithPath: file).absoluteString])
        let png = try #require(FileManager.default.contents(atPath: shot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 20_000, "\(png.count) bytes")
    }
}
