import CoachKit
import FuzzDriver

@_cdecl("FuzzScenarioLoader_main")
func fuzzScenarioLoaderMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv) { start, size in
        var diagnostics = DiagnosticCollector()
        let text = FuzzDriver.text(start, size)
        if let scenario = ScenarioLoader.load(text: text, file: "fuzz.yaml", diagnostics: &diagnostics) {
            // What loads is also drawn and linted, as `coach graph` and `coach lint` would.
            _ = ScenarioGraph(scenario)
            _ = ScenarioLint.check(scenario, source: nil, rubric: nil, lexicon: nil)
        }
        return 0
    }
}
