import Foundation

/// The folder of scenarios, lexicons and the rubric that `coach` plays from.
///
/// The built-in library ships inside the package; `--library` or `COACH_LIBRARY`
/// point at a trainer's own folder instead.
public struct Library: Sendable {
    public var root: String

    public init(root: String) { self.root = root }

    /// `COACH_LIBRARY` if set, else the library bundled with the program.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> Library {
        if let path = environment["COACH_LIBRARY"], !path.isEmpty { return Library(root: path) }
        return bundled
    }

    /// The library copied into the program's resources at build time.
    public static var bundled: Library {
        let url = Bundle.module.resourceURL!.appendingPathComponent("scenarios")
        return Library(root: url.path)
    }

    public var lexiconsFolder: String { (root as NSString).appendingPathComponent("lexicons") }

    public func lexiconPath(for language: String) -> String {
        (lexiconsFolder as NSString).appendingPathComponent("\(language).yaml")
    }

    /// The languages with a lexicon file, sorted.
    public var languages: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: lexiconsFolder)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Loads and compiles the lexicon of `language`.
    public func detector(for language: String, diagnostics: inout DiagnosticCollector) -> MoveDetector? {
        let path = lexiconPath(for: language)
        guard FileManager.default.fileExists(atPath: path) else {
            let known = languages
            diagnostics.error(
                "NO-LEXICON",
                "no lexicon for language '\(language)' in \(lexiconsFolder)"
                    + (known.isEmpty ? "" : " (available: \(known.joined(separator: ", ")))"),
                at: nil)
            return nil
        }
        guard let lexicon = LexiconLoader.load(path: path, diagnostics: &diagnostics) else { return nil }
        return MoveDetector(lexicon: lexicon)
    }
}
