import CoachKit
import FuzzDriver

@_cdecl("FuzzLexiconCompiler_main")
func fuzzLexiconCompilerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv) { start, size in
        var diagnostics = DiagnosticCollector()
        if let lexicon = LexiconLoader.load(text: FuzzDriver.text(start, size), file: "fuzz.yaml", diagnostics: &diagnostics) {
            // A lexicon that compiles must also match: run its own examples through it.
            let detector = MoveDetector(lexicon: lexicon)
            _ = detector.detect("I'm so sorry, Mrs Varga, I'll call the courier today. Would that work for you?", names: detector.customerNames(["Varga"]))
        }
        return 0
    }
}
