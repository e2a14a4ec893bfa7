import Foundation
import Synchronization

/// Checks library files of every kind: lexicons, the rubric, scenarios.
///
/// A file's kind comes from what it holds (`moves:` is a lexicon, `rules:` a rubric,
/// `states:` a scenario), so a trainer can lint a file wherever it is. A scenario is
/// checked against the rubric and the lexicon it will be played with: those of the
/// nearest folder above it that has a `rubric.yaml` or a `lexicons/` folder, else
/// those of the library given (see ``LintContext``).
public enum Linter {
    /// What a library file is, judged by its top-level keys.
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

    /// The kind of file `root` is: `moves:` a lexicon, `rules:` a rubric, `states:`/`endings:` a scenario.
    public static func kind(of root: YAMLNode) -> FileKind? {
        guard case .mapping(let mapping) = root else { return nil }
        if mapping["moves"] != nil { return .lexicon }
        if mapping["rules"] != nil { return .rubric }
        if mapping["states"] != nil || mapping["endings"] != nil { return .scenario }
        return nil
    }

    /// Every diagnostic for the files under `paths`, in file order.
    ///
    /// `library` supplies the rubric and lexicons for scenarios whose own folders have none
    /// (default: the standard library, `COACH_LIBRARY` or the bundled one).
    ///
    /// A library of many files is linted on every core: the files are cut into one run per
    /// core, each linted in order with a context of its own (the compiled lexicons are shared
    /// by the process, ``MoveDetector/compiled(for:)``), and the runs' diagnostics are put back
    /// in file order, so the output is the same as one core's.
    public static func lint(_ paths: [String], library: Library = .standard(), lexicons: String? = nil) -> [Diagnostic] {
        var diagnostics = DiagnosticCollector()
        let files = files(in: paths, diagnostics: &diagnostics)
        let workers = Swift.max(1, Swift.min(ProcessInfo.processInfo.activeProcessorCount, files.count / filesPerCore))
        let runLength = (files.count + workers - 1) / workers
        let runs = Mutex<[Int: [Diagnostic]]>([:])
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var context = LintContext(fallback: library)
            context.lexiconFolder = lexicons
            var found = DiagnosticCollector()
            for file in files.dropFirst(worker * runLength).prefix(runLength) {
                lint(file: file, context: &context, diagnostics: &found)
            }
            runs.withLock { $0[worker] = found.diagnostics }
        }
        let found = runs.withLock { $0 }
        for worker in 0..<workers { diagnostics.append(contentsOf: found[worker] ?? []) }
        return diagnostics.sorted
    }

    /// Fewer files than this per core are linted on one: each core loads the lexicons and
    /// rubrics it needs once more, which only a larger library pays back.
    static let filesPerCore = 24

    /// Lints scenario, lexicon or rubric text that is not (yet) a file: tests, `coach new`.
    public static func lint(text: String, file: String, library: Library = .standard()) -> [Diagnostic] {
        var diagnostics = DiagnosticCollector()
        var context = LintContext(fallback: library)
        guard let root = YAMLDocument.parse(text: text, file: file, diagnostics: &diagnostics) else {
            return diagnostics.sorted
        }
        lint(root: root, file: file, hash: ContentHash.of(Data(text.utf8)), context: &context, diagnostics: &diagnostics)
        return diagnostics.sorted
    }

    static func lint(file: String, context: inout LintContext, diagnostics: inout DiagnosticCollector) {
        guard let root = YAMLDocument.load(contentsOf: file, diagnostics: &diagnostics) else { return }
        let hash = ContentHash.of((try? RegularFile.read(file, limit: YAMLLimits().maxBytes).get()) ?? Data())
        lint(root: root, file: file, hash: hash, context: &context, diagnostics: &diagnostics)
    }

    static func lint(
        root: YAMLNode, file: String, hash: String, context: inout LintContext, diagnostics: inout DiagnosticCollector
    ) {
        DecimalCommaCheck.check(root, diagnostics: &diagnostics)
        if ScenarioIncludes.isFragment(file) {
            ScenarioIncludes.check(fragment: root, diagnostics: &diagnostics)
            return
        }
        if TranslationLint.isInterfaceCatalogue(file) {
            TranslationLint.checkInterface(file: file, diagnostics: &diagnostics)
            return
        }
        if RubricTranslations.isTranslationFile((file as NSString).lastPathComponent) {
            TranslationLint.checkRubricTranslation(file: file, diagnostics: &diagnostics)
            return
        }
        switch kind(of: root) {
        case .lexicon:
            if let lexicon = LexiconLoader.read(root, file: file, version: hash, diagnostics: &diagnostics) {
                diagnostics.append(contentsOf: LexiconCheck.run(lexicon, requireMinimums: true))
                diagnostics.append(contentsOf: LexiconLint.check(lexicon))
            }
        case .rubric:
            _ = RubricLoader.read(root, file: file, version: hash, diagnostics: &diagnostics)
        case .scenario:
            let assembled = ScenarioIncludes.assemble(root, file: file, hash: hash, diagnostics: &diagnostics)
            let root = assembled.root
            guard let scenario = ScenarioLoader.finish(root, file: file, hash: assembled.hash, diagnostics: &diagnostics)
            else { return }
            let lexicon = context.lexicon(for: scenario.language, near: file)
            if lexicon == nil {
                diagnostics.error(
                    "NO-LEXICON",
                    "no lexicon for the language '\(scenario.language)' next to this file or in the library"
                        + " (available: \(context.languages(near: file).joined(separator: ", ")))",
                    at: root.at("language")?.location)
            }
            diagnostics.append(
                contentsOf: ScenarioLint.check(
                    scenario, source: root, rubric: context.rubric(near: file), lexicon: lexicon,
                    readings: lexicon.map { ExampleReadings.shared(lexicon: $0, phrases: scenario.phrases) },
                    profile: context.languageProfile(for: scenario.language, near: file)))
            TranslationLint.checkScenario(
                scenario, rubric: context.rubric(near: file), library: context.library(near: file),
                at: root.at("language")?.location, diagnostics: &diagnostics)
        case nil:
            diagnostics.error(
                "LINT-KIND", "not a lexicon (moves:), a rubric (rules:) or a scenario (states:)",
                at: root.location)
        }
    }
}

/// The rubric and lexicons a scenario is linted against, loaded once per folder.
///
/// A scenario belongs to the nearest folder above it (its own first, at most
/// ``Library/searchLevels`` up, ``Library/root(near:relativeTo:)``) that has a `lexicons/` folder, else to the nearest with a
/// `rubric.yaml` (a folder of drills with its own rubric is not a library of its own);
/// within it, the scenario is scored by the `rubric.yaml` nearest to it. What that
/// folder lacks comes from the fallback library. Problems in those files are not
/// reported here: linting them reports them.
public struct LintContext: Sendable {
    /// Where what a scenario's own folder lacks comes from.
    public var fallback: Library
    /// A folder of lexicons that comes first for every scenario (`--lexicons`): how a lexicon
    /// being written is tried on scenarios before it joins a library.
    public var lexiconFolder: String?
    private var rubrics: [String: Rubric?] = [:]
    private var lexicons: [String: Lexicon?] = [:]
    private var profiles: [String: LanguageCheck.Profile] = [:]
    private var roots: [String: String?] = [:]

    /// A context that loads nothing until asked.
    public init(fallback: Library) { self.fallback = fallback }

    /// The library folder a file belongs to, if any folder above it looks like one.
    ///
    /// Spelled relative to the working folder when `file` is and the folder lies under it, as
    /// the files linted on their own are ("scenarios/lexicons/en.yaml", not
    /// "/home/…/scenarios/lexicons/en.yaml"): a lexicon reached from a scenario is then the
    /// same file as the lexicon linted, and compiled once, not once per spelling.
    mutating func libraryRoot(near file: String) -> String? {
        let folder = (file as NSString).deletingLastPathComponent
        if let known = roots[folder] { return known }
        var found = Library.root(near: folder)
        if let absolute = found, !file.hasPrefix("/") {
            found = Self.path(absolute, relativeTo: FileManager.default.currentDirectoryPath)
        }
        roots[folder] = .some(found)
        return found
    }

    /// `path` (absolute) written relative to `base` when it is `base` or lies under it.
    static func path(_ path: String, relativeTo base: String) -> String {
        let base = URL(fileURLWithPath: base).standardizedFileURL.path
        if path == base { return "." }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// The rubric file that scores the scenario `file`: the nearest in its own library folder,
    /// or `nil` when that folder has none (then the fallback library's applies).
    public mutating func rubricPath(near file: String) -> String? {
        if let root = libraryRoot(near: file) {
            let local = Library(root: root).rubricPath(forScenarioAt: file)
            if FileManager.default.fileExists(atPath: local) { return local }
        }
        return nil
    }

    mutating func rubric(near file: String) -> Rubric? {
        let path = rubricPath(near: file) ?? fallback.rubricFile
        if let cached = rubrics[path] { return cached }
        var scratch = DiagnosticCollector()
        let rubric = FileManager.default.fileExists(atPath: path) ? RubricLoader.load(path: path, diagnostics: &scratch) : nil
        rubrics[path] = .some(rubric)
        return rubric
    }

    mutating func lexicon(for language: String, near file: String) -> Lexicon? {
        guard let path = lexiconPath(for: language, near: file) else { return nil }
        if let cached = lexicons[path] { return cached }
        var scratch = DiagnosticCollector()
        let lexicon = LexiconLoader.load(path: path, diagnostics: &scratch)
        lexicons[path] = .some(lexicon)
        return lexicon
    }

    /// What the lexicon of `language` near `file` shows of its language, learnt once per
    /// lexicon file: learning it tokenizes every example, which a library of a thousand
    /// scenarios would otherwise do a thousand times.
    mutating func languageProfile(for language: String, near file: String) -> LanguageCheck.Profile? {
        guard let path = lexiconPath(for: language, near: file) else { return nil }
        if let known = profiles[path] { return known }
        guard let lexicon = lexicon(for: language, near: file) else { return nil }
        let profile = LanguageCheck.Profile(lexicon)
        profiles[path] = profile
        return profile
    }

    /// The lexicon file for `language` that a scenario at `file` plays with: its own library
    /// folder's, else the fallback library's (or the built-in one's); `nil` if none has one.
    public mutating func lexiconPath(for language: String, near file: String) -> String? {
        // A language code is a file name here: never let it climb out of the folder.
        guard LanguageCode.isValid(language) else { return nil }
        if let lexiconFolder {
            let given = (lexiconFolder as NSString).appendingPathComponent("\(language).yaml")
            if FileManager.default.fileExists(atPath: given) { return given }
        }
        if let root = libraryRoot(near: file) {
            let local = Library(root: root).lexiconPath(for: language)
            if FileManager.default.fileExists(atPath: local) { return local }
        }
        let path = fallback.lexiconFile(for: language)
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The rubric and detector to play `scenario` with: those of its own library folder,
    /// else the fallback library's. Problems loading them are reported.
    public mutating func setup(for scenario: Scenario, diagnostics: inout DiagnosticCollector) -> Setup? {
        guard let rubric = rubric(near: scenario.file) else {
            _ = RubricLoader.load(path: rubricPath(near: scenario.file) ?? fallback.rubricFile, diagnostics: &diagnostics)
            return nil
        }
        guard let lexicon = lexicon(for: scenario.language, near: scenario.file) else {
            if let path = lexiconPath(for: scenario.language, near: scenario.file) {
                _ = LexiconLoader.load(path: path, diagnostics: &diagnostics)
            } else {
                diagnostics.error(
                    "NO-LEXICON",
                    "no lexicon for the scenario's language '\(scenario.language)' next to \(scenario.file) or in \(fallback.root)",
                    at: nil)
            }
            return nil
        }
        return Setup.make(scenario, rubric: rubric, lexicon: lexicon, diagnostics: &diagnostics)
    }

    /// The library a file belongs to (its nearest root, else the fallback): where its
    /// interface catalogues are looked for.
    mutating func library(near file: String) -> Library {
        libraryRoot(near: file).map(Library.init(root:)) ?? fallback
    }

    mutating func languages(near file: String) -> [String] {
        var languages = Set(fallback.languages)
        if let root = libraryRoot(near: file) { languages.formUnion(Library(root: root).languages) }
        return languages.sorted()
    }
}
