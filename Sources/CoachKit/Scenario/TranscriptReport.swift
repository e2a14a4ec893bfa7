/// How `coach test` shows results: a per-reply diff for a failed test, JUnit XML for
/// CI, and the coverage table. Pure functions of the results.
public enum TranscriptReport {
    /// A failed test: what differed, then the conversation reply by reply, expected
    /// (`-`) against actual (`+`), with ✗ on the replies that differ.
    public static func diff(_ result: TranscriptRunner.Result, style: TextStyle = .plain) -> String {
        var out = ""
        for failure in result.failures {
            let lines = failure.split(separator: "\n").map { String($0).printable }
            out += "- " + lines.joined(separator: "\n  ") + "\n"
        }
        guard !result.replies.isEmpty else { return out }
        out += style.dim("reply by reply (- expected, + actual):") + "\n"
        for reply in result.replies {
            let mark = reply.differs ? style.red("✗") : " "
            let number = String(reply.number).paddedLeft(to: 2)
            let said = "\"\(shorten(reply.text.printable, to: 72))\"" + (reply.interrupted ? style.dim(" (interrupted)") : "")
            out += "\(mark) \(number)  \(said)\n"
            let detected = reply.detected.map(\.rawValue).joined(separator: ", ")
            let missing = reply.missingMoves
            if missing.isEmpty {
                out += "      moves    \(detected.isEmpty ? style.dim("(none)") : detected)\n"
            } else {
                out += "      moves  " + style.red("- \(missing.map(\.rawValue).joined(separator: ", "))") + style.dim("  (expected, not detected)") + "\n"
                out += "             " + style.green("+ \(detected.isEmpty ? "(none)" : detected)") + "\n"
            }
            let fired = reply.fired.map { style.dim("  (\($0))") } ?? style.dim("  (nothing fired)")
            let move = "\(reply.stateBefore) → \(reply.stateAfter)"
            if let expected = reply.expectedStateAfter {
                let wanted = expected.hasPrefix("stay in ") ? expected : "\(reply.stateBefore) → \(expected)"
                out += "      state  " + style.red("- \(wanted)") + style.dim("  (the test's path)") + "\n"
                out += "             " + style.green("+ \(move)") + fired + "\n"
            } else {
                out += "      state    \(move)\(fired)\n"
            }
        }
        return out
    }

    static func shorten(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    // MARK: - JUnit

    /// The tests of one scenario file, or why it could not be tested.
    public struct Suite: Sendable {
        public var name: String
        public var file: String
        public var results: [TranscriptRunner.Result]
        /// Errors that kept the file from loading (then there are no results).
        public var errors: [Diagnostic]

        /// A suite of results, or of the errors that kept the file from loading.
        public init(name: String, file: String, results: [TranscriptRunner.Result], errors: [Diagnostic] = []) {
            self.name = name
            self.file = file
            self.results = results
            self.errors = errors
        }
    }

    /// JUnit XML, as CI servers read it: one `<testsuite>` per scenario file, one
    /// `<testcase>` per transcript test; a failure carries the diff, a file that does
    /// not load is an `<error>`. Every text is escaped.
    public static func junit(_ suites: [Suite]) -> String {
        let tests = suites.reduce(0) { $0 + max($1.results.count, $1.errors.isEmpty ? 0 : 1) }
        let failures = suites.reduce(0) { $0 + $1.results.filter { !$0.passed }.count }
        let errors = suites.filter { !$0.errors.isEmpty }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"coach test\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\">\n"
        for suite in suites {
            let suiteFailures = suite.results.filter { !$0.passed }.count
            let count = max(suite.results.count, suite.errors.isEmpty ? 0 : 1)
            out += "  <testsuite name=\"\(xml(suite.name))\" file=\"\(xml(suite.file))\" tests=\"\(count)\" failures=\"\(suiteFailures)\" errors=\"\(suite.errors.isEmpty ? 0 : 1)\">\n"
            if !suite.errors.isEmpty {
                let text = suite.errors.map(\.description).joined(separator: "\n")
                out += "    <testcase classname=\"\(xml(suite.name))\" name=\"load\" file=\"\(xml(suite.file))\">\n"
                out += "      <error message=\"\(xml(suite.errors[0].message))\" type=\"\(xml(suite.errors[0].code))\">\(xml(text, content: true))</error>\n"
                out += "    </testcase>\n"
            }
            for result in suite.results {
                let place = "file=\"\(xml(result.location.file))\" line=\"\(result.location.line)\""
                out += "    <testcase classname=\"\(xml(suite.name))\" name=\"\(xml(result.test))\" \(place)"
                if result.passed {
                    out += "/>\n"
                    continue
                }
                let message = result.failures.first?.split(separator: "\n").first.map(String.init) ?? "failed"
                out += ">\n      <failure message=\"\(xml(message))\" type=\"transcript\">\(xml(diff(result), content: true))</failure>\n"
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    /// Text escaped for XML 1.0 content and attributes; characters XML cannot hold become U+FFFD.
    public static func xml(_ text: String, content: Bool = false) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            // Line breaks stay readable in element text; in attributes they must be encoded.
            case "\n" where content, "\t" where content: out.unicodeScalars.append(scalar)
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            case "\r": out += "&#13;"
            default:
                let value = scalar.value
                let allowed = value >= 0x20 && value != 0xFFFE && value != 0xFFFF && !(0x7F...0x9F).contains(value)
                out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return out
    }

    // MARK: - Coverage

    /// One row per scenario: covered/total and percent for each kind. Percentages of the
    /// `checked` kinds below `minimum` are marked (and red on a terminal).
    public static func coverageTable(
        _ coverages: [ScenarioCoverage], minimum: Double? = nil, checked: Set<ScenarioCoverage.Kind> = [.states],
        style: TextStyle = .plain
    ) -> String {
        let nameWidth = max("COVERAGE".count, coverages.map(\.scenario.count).max() ?? 0)
        var out = style.bold("COVERAGE".paddedRight(to: nameWidth) + "  TESTS")
        for kind in ScenarioCoverage.Kind.allCases { out += style.bold("  " + kind.rawValue.uppercased().paddedRight(to: 13)) }
        out += "\n"
        for coverage in coverages {
            out += coverage.scenario.paddedRight(to: nameWidth) + "  " + String(coverage.tests).paddedLeft(to: 5)
            for kind in ScenarioCoverage.Kind.allCases {
                let measure = coverage[kind]
                let fraction = "\(measure.covered)/\(measure.total)".paddedRight(to: 7)
                var percent = (String(Int(measure.percent.rounded(.down))) + "%").paddedLeft(to: 5)
                if let minimum, checked.contains(kind), measure.percent < minimum {
                    percent = style.red(percent + "!")
                } else {
                    percent += " "
                }
                out += "  " + fraction + percent
            }
            out += "\n"
        }
        return out
    }

    /// What the tests do not reach, per scenario and kind, each with its place in the file.
    public static func uncovered(_ coverages: [ScenarioCoverage], style: TextStyle = .plain) -> String {
        var out = ""
        for coverage in coverages {
            let gaps = ScenarioCoverage.Kind.allCases.filter { !coverage[$0].missing.isEmpty }
            guard !gaps.isEmpty else { continue }
            out += style.bold("\(coverage.scenario) (\(coverage.file))") + " — not reached by its tests:\n"
            for kind in gaps {
                out += "  \(kind.rawValue):\n"
                for item in coverage[kind].missing {
                    out += "    \(item.name)" + (item.location.map { style.dim("  \($0)") } ?? "") + "\n"
                }
            }
        }
        return out
    }
}

extension String {
    // Named apart from other files' helpers: extensions on String share one namespace.
    fileprivate func paddedLeft(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }

    fileprivate func paddedRight(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
