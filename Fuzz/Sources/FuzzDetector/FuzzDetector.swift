import CoachKit
import FuzzDriver

/// The shipped English lexicon, compiled once: every input is a trainee's reply.
nonisolated(unsafe) let detector: MoveDetector = {
    var diagnostics = DiagnosticCollector()
    guard let detector = Library.bundled.detector(for: "en", diagnostics: &diagnostics) else {
        fatalError("the shipped English lexicon does not load: \(diagnostics.diagnostics)")
    }
    return detector
}()
nonisolated(unsafe) let names = detector.customerNames(["Mrs Varga", "Victor Hale"])

@_cdecl("FuzzDetector_main")
func fuzzDetectorMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv) { start, size in
        let detection = detector.detect(FuzzDriver.text(start, size), names: names)
        // Evidence spans must lie inside the reply, whatever it holds.
        let length = detection.text.unicodeScalars.count
        for move in detection.moves where move.start < 0 || move.end > length || move.start > move.end {
            fatalError("move \(move.id) spans \(move.start)..<\(move.end) in a reply of \(length)")
        }
        return 0
    }
}
