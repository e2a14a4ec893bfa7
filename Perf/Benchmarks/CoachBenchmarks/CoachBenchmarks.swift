// Benchmarks of CoachKit: the move detector's hot path, its start-up cost, and one turn of
// the engine. Run them from `Perf/` with `swift package benchmark` (release build); the
// figures and the exact commands are in docs/performance.md.

import Benchmark
import CoachKit
import Foundation

/// The repository's root: this file is `<root>/Perf/Benchmarks/CoachBenchmarks/CoachBenchmarks.swift`.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // CoachBenchmarks
    .deletingLastPathComponent()  // Benchmarks
    .deletingLastPathComponent()  // Perf
    .deletingLastPathComponent()

let library = Library(root: repositoryRoot.appendingPathComponent("scenarios").path)

/// The scenario the engine benchmark plays, and whose customer names the detector is given.
let scenarioID = "late-parcel"

/// A realistic agent reply of exactly 25 words (checked when the benchmarks load) for
/// `late-parcel`: apology, the customer's name, taking charge, a question.
let reply25 =
    "I'm so sorry, Mrs Varga. I can see the parcel never reached you, so I'll send a replacement"
    + " by express courier today. Is that okay?"

/// The English detector, read and compiled afresh: not `Library.detector(for:)`, which
/// gives the detector a process compiled before (``MoveDetector/compiled(for:)``).
func loadDetector() -> MoveDetector {
    var diagnostics = DiagnosticCollector()
    guard let lexicon = library.lexicon(for: "en", diagnostics: &diagnostics) else {
        fatalError("cannot load the English lexicon from \(library.root): \(diagnostics)")
    }
    return MoveDetector(lexicon: lexicon)
}

/// The texts of the SwDA evaluation file (first column), or nil when the file is not there.
func evalTexts() -> (path: String, texts: [String])? {
    let path = repositoryRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/eval-data/swda.tsv").path
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
    let texts = lines.dropFirst().compactMap { line -> String? in
        guard let text = line.split(separator: "\t", omittingEmptySubsequences: false).first, !text.isEmpty
        else { return nil }
        return String(text)
    }
    return (path, texts)
}

/// About `bytes` bytes of agent-like text: varied sentences, repeated.
func longReply(bytes: Int) -> String {
    let sentences = [
        "I'm so sorry about the delay, Mrs Varga.",
        "Could you give me the order number, please?",
        "I understand how frustrating this must be, especially with the birthday on Saturday.",
        "I'll send a replacement by express courier today, and I will call you back tomorrow.",
        "That's not my department, but let me check with the warehouse for you.",
        "Thank you for waiting.",
        "Is there anything else I can do for you today?",
        "WHY DIDN'T ANYONE TELL ME!!",
    ]
    var text = ""
    text.reserveCapacity(bytes + 200)
    var index = 0
    while text.utf8.count < bytes {
        text += sentences[index % sentences.count]
        text += " "
        index += 1
    }
    return text
}

/// Cycles through a list of texts, one per benchmark iteration.
final class Cursor: @unchecked Sendable {
    let texts: [String]
    private var index = 0
    init(_ texts: [String]) { self.texts = texts }
    func next() -> String {
        defer { index = (index + 1) % texts.count }
        return texts[index]
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        timeUnits: .microseconds,
        warmupIterations: 100,
        maxDuration: .seconds(5),
        maxIterations: 200_000
    )

    let detector = loadDetector()
    var diagnostics = DiagnosticCollector()
    guard let scenario = library.scenario(scenarioID, diagnostics: &diagnostics),
        let setup = Setup.load(scenario, from: library, diagnostics: &diagnostics)
    else { fatalError("cannot load scenario \(scenarioID): \(diagnostics)") }
    let names = detector.customerNames(scenario.customer.names)

    let wordCount = reply25.split(whereSeparator: { $0 == " " }).count
    precondition(wordCount == 25, "the 25-word reply has \(wordCount) words")

    // 1. The budget: one 25-word reply, full English lexicon, customer names as the engine gives them.
    Benchmark("detect 25-word reply (en)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(detector.detect(reply25, names: names))
        }
    }

    // 2. Real utterances, one per iteration, cycling through the file: throughput = replies/s.
    if let eval = evalTexts() {
        let cursor = Cursor(eval.texts)
        Benchmark(
            "detect batch (eval files)",
            configuration: .init(
                tags: ["file": "swda.tsv", "texts": "\(eval.texts.count)"],
                maxDuration: .seconds(10),
                maxIterations: eval.texts.count * 4)
        ) { benchmark in
            let text = cursor.next()
            benchmark.startMeasurement()
            blackHole(detector.detect(text, names: names))
        }
    } else {
        print("skipping 'detect batch (eval files)': no ../shared/eval-data/swda.tsv next to \(repositoryRoot.path)")
    }

    // 3. Start-up: read the YAML lexicon, check it and compile the automaton.
    Benchmark(
        "compile lexicon (en)",
        configuration: .init(
            metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
            timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 20)
    ) { _ in
        blackHole(loadDetector())
    }

    // 3a. Start-up as the trainee sees it: what `coach play` does before the customer's
    // opening line, the lexicon being compiled on another thread (``PendingSetup``).
    Benchmark(
        "open a session to its first line (en)",
        configuration: .init(timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 200)
    ) { _ in
        var scratch = DiagnosticCollector()
        guard let opened = library.scenario(scenarioID, diagnostics: &scratch) else { fatalError("\(scratch)") }
        blackHole(library.loadRubric(for: opened, diagnostics: &scratch))
        blackHole(Conversation.opening(of: opened, seed: 42))
    }

    // 3b. Setting up a scenario whose `phrases:` are compiled beside the lexicon's automaton,
    // which the process compiled already: what each scenario costs `coach test` and lint.
    let withPhrases = "gym-membership"
    guard let phrased = library.scenario(withPhrases, diagnostics: &diagnostics), !phrased.phrases.isEmpty,
        let rubric = library.loadRubric(for: phrased, diagnostics: &diagnostics),
        let lexicon = library.lexicon(for: phrased.language, diagnostics: &diagnostics)
    else { fatalError("cannot load scenario \(withPhrases) with phrases: \(diagnostics)") }
    Benchmark(
        "set up a scenario with phrases (en)",
        configuration: .init(timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 50)
    ) { _ in
        var scratch = DiagnosticCollector()
        blackHole(Setup.make(phrased, rubric: rubric, lexicon: lexicon, diagnostics: &scratch))
    }

    // 3c. Lint of the shipped library (every lexicon, rubric, scenario and drill). The
    // process keeps the lexicons it compiled and their examples' readings, so after the
    // first lint this is what `coach lint --watch` pays again at each save.
    Benchmark(
        "lint the shipped library (warm)",
        configuration: .init(timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(30), maxIterations: 3)
    ) { _ in
        blackHole(Linter.lint([library.root], library: library))
    }

    // 4. One turn of the engine: detection, rubric, transitions, customer line.
    let conversation = setup.conversation(seed: 42)
    Benchmark("conversation turn") { benchmark in
        var copy = conversation
        benchmark.startMeasurement()
        blackHole(copy.receive(.reply(reply25)))
        benchmark.stopMeasurement()
        blackHole(copy)
    }

    // 5. Linear time: 100 kB and 1 MB of text; the second should take about ten times the first.
    for (label, bytes) in [("100 kB", 100_000), ("1 MB", 1_000_000)] {
        let text = longReply(bytes: bytes)
        Benchmark(
            "detect \(label) reply",
            configuration: .init(
                timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(10),
                maxIterations: bytes >= 1_000_000 ? 3 : 10)
        ) { _ in
            blackHole(detector.detect(text, names: names))
        }
    }
}
