// Dumps everything the move detector says about a large corpus, so that two builds can be
// compared byte for byte: an optimisation of the hot path must not change one line.
//
//   cd Perf && swift run -c release DetectionDump /tmp/after.txt [library folder]
//   (the same at the older commit into /tmp/before.txt), then: cmp /tmp/before.txt /tmp/after.txt
//
// The corpus: the texts of ../shared/eval-data/*.tsv (when present), every example and
// counter-example of the lexicons, edge cases, seeded perturbations of a third of those
// texts (capitals, "!!", negations, commas, names) and one long text; each detected for
// every lexicon with three sets of customer names. Each line is a whole `MoveDetection`
// (moves, evidence, offsets, sources, rejections and their reasons) or a tokenization.

import CoachKit
import Foundation

let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    print("usage: DetectionDump <output file> [library folder, default <repo>/scenarios]")
    exit(2)
}
let library = Library(root: arguments.count > 2 ? arguments[2] : repositoryRoot.appendingPathComponent("scenarios").path)

var corpus: [String] = []
let evalData = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/eval-data")
for file in ["swda.tsv", "esconv.tsv", "politeness-wikipedia.tsv"] {
    guard let text = try? String(contentsOf: evalData.appendingPathComponent(file), encoding: .utf8) else {
        print("note: no \(file) in \(evalData.path)")
        continue
    }
    for line in text.split(separator: "\n").dropFirst() {
        if let first = line.split(separator: "\t", omittingEmptySubsequences: false).first { corpus.append(String(first)) }
    }
}
var detectors: [(String, MoveDetector)] = []
for language in library.languages {
    var diagnostics = DiagnosticCollector()
    guard let detector = library.detector(for: language, diagnostics: &diagnostics) else { continue }
    detectors.append((language, detector))
    for entry in detector.lexicon.moves.values.sorted(by: { $0.location.line < $1.location.line }) {
        corpus += entry.examples.map(\.text) + entry.counterExamples.map(\.text)
    }
}
corpus += [
    "", " ", "!!!", "?", "...", "Mrs. Varga, I'm NOT sorry!!! WHY?!", "EC1A 1BB is the CODE, OK?",
    "Ça va? Café — naïve; résumé…", "Τι κάνετε; Καλά.", "Не переживайте, я сейчас позвоню.",
    "Ивановой я позвоню завтра, Ирина Петровна.", "don't  won't   can't... I'm  so   sorry",
    "3.5 or 3,5 or 1,000.00 dollars", "follow-up — later - maybe", "I’m “sorry” ‘really’", "Ｈｅｌｌｏ！ ＷＨＹ？",
    "\u{0}\u{7}tab\tline\nbreak\r\n", "e\u{301}te\u{301} cafe\u{301}",
]
struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }
}
var generator = Generator(state: 12345)
let base = corpus
for index in stride(from: 0, to: base.count, by: 3) {
    var words = base[index].split(separator: " ").map(String.init)
    guard !words.isEmpty else { continue }
    for _ in 0..<3 {
        let at = Int(generator.next() % UInt64(words.count))
        switch generator.next() % 8 {
        case 0: words[at] = words[at].uppercased()
        case 1: words.insert("not", at: at)
        case 2: words[at] += "!!"
        case 3: words[at] += ","
        case 4: words.insert("Mrs Varga", at: at)
        case 5: words.insert("never", at: at)
        case 6: words[at] += "?"
        default: words.insert("sorry", at: at)
        }
    }
    corpus.append(words.joined(separator: " "))
}
corpus.append(corpus.prefix(3000).joined(separator: " "))

let nameSets: [[String]] = [[], ["Anna Varga", "Mrs Varga"], ["Ирина Петровна", "Иванова"]]
var output = ""
for (language, detector) in detectors {
    for names in nameSets {
        let prepared = detector.customerNames(names)
        for text in corpus { output += "\(language) \(names) \(detector.detect(text, names: prepared))\n" }
    }
    let tokenizer = detector.lexicon.tokenizer
    for text in corpus {
        let tokenized = tokenizer.tokenize(text)
        output += "\(language) tokens \(tokenized.tokens) \(tokenized.tokens.map { tokenized.foldedWord($0) })\n"
    }
}
guard FileManager.default.createFile(atPath: arguments[1], contents: Data(output.utf8)) else {
    print("cannot write \(arguments[1])")
    exit(1)
}
print("\(corpus.count) texts × \(detectors.count) lexicons → \(output.utf8.count) bytes in \(arguments[1])")
