import Foundation

/// Checks library files of every kind: lexicons, the rubric, scenarios.
///
/// A file's kind comes from what it holds (`moves:` is a lexicon, `rules:` a rubric,
/// `states:` a scenario), so a trainer can lint a file wherever it is.
public enum Linter {
    public enum FileKind: String, Sendable {
        case lexicon, rubric, scenario
    }

    /// The YAML files under `paths` (folders recursively), sorted.
    public static func files(in paths: [String], diagnostics: inout DiagnosticCollector) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.error("FILE-READ", "no such file or folder", at: SourceLocation(file: path, line: 1, column: 1))
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            files += FolderWalk.yamlFiles(under: path)
        }
        return files
    }

    public static func kind(of root: YAMLNode) -> FileKind? {
        guard case .mapping(let mapping) = root else { return nil }
        if mapping["moves"] != nil { return .lexicon }
        if mapping["rules"] != nil { return .rubric }
        if mapping["states"] != nil || mapping["endings"] != nil { return .scenario }
        return nil
    }

    /// Every diagnostic for the files under `paths`.
    public static func lint(_ paths: [String]) -> [Diagnostic] {
        var diagnostics = DiagnosticCollector()
        for file in files(in: paths, diagnostics: &diagnostics) {
            lint(file: file, diagnostics: &diagnostics)
        }
        return diagnostics.sorted
    }

    static func lint(file: String, diagnostics: inout DiagnosticCollector) {
        guard let root = YAMLDocument.load(contentsOf: file, diagnostics: &diagnostics) else { return }
        switch kind(of: root) {
        case .lexicon:
            if let lexicon = LexiconLoader.read(root, file: file, diagnostics: &diagnostics) {
                diagnostics.append(contentsOf: LexiconCheck.run(lexicon, requireMinimums: true))
            }
        case .rubric:
            let hash = ContentHash.of(FileManager.default.contents(atPath: file) ?? Data())
            _ = RubricLoader.read(root, file: file, version: hash, diagnostics: &diagnostics)
        case .scenario:
            let hash = ContentHash.of(FileManager.default.contents(atPath: file) ?? Data())
            _ = ScenarioLoader.finish(root, file: file, hash: hash, diagnostics: &diagnostics)
        case nil:
            diagnostics.error(
                "LINT-KIND", "not a lexicon (moves:), a rubric (rules:) or a scenario (states:)",
                at: root.location)
        }
    }
}
