import Foundation

/// The folder of scenarios, lexicons and the rubric that `coach` plays from.
///
/// Every command finds it by one rule (docs/authoring.md, "Which library a command uses"):
/// `--library`, else `COACH_LIBRARY`, else the library folder the current folder is in,
/// else the library built into the program. A scenario file given by path plays and lints
/// with the lexicons and rubric of its own library folder first.
public struct Library: Sendable {
    public var root: String

    public init(root: String) { self.root = root }

    /// `COACH_LIBRARY` if set, else the library `folder` is in (see ``root(near:)``), else the
    /// library bundled with the program.
    public static func standard(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        folder: String = FileManager.default.currentDirectoryPath
    ) -> Library {
        if let path = environment["COACH_LIBRARY"], !path.isEmpty { return Library(root: path) }
        if let found = root(near: folder, relativeTo: FileManager.default.currentDirectoryPath) {
            return Library(root: found)
        }
        return bundled
    }

    /// How many folders up from a file a library folder is looked for.
    static let searchLevels = 4

    /// The library folder `folder` is in: the nearest of it and its parents (up to
    /// ``searchLevels``) with a `lexicons/` folder, else the nearest with a `rubric.yaml`.
    ///
    /// Written relative to `base` when it lies in or above it ("." or ".."), so that messages
    /// name files as the trainer sees them from where they typed the command.
    public static func root(near folder: String, relativeTo base: String? = nil) -> String? {
        var url = URL(fileURLWithPath: folder.isEmpty ? "." : folder).standardizedFileURL
        var withRubric: String?
        var withLexicons: String?
        let manager = FileManager.default
        for _ in 0..<searchLevels {
            if manager.fileExists(atPath: url.appendingPathComponent("lexicons").path) {
                withLexicons = url.path
                break
            }
            if withRubric == nil, manager.fileExists(atPath: url.appendingPathComponent("rubric.yaml").path) {
                withRubric = url.path
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { break }
            url = parent
        }
        guard let found = withLexicons ?? withRubric else { return nil }
        guard let base else { return found }
        let from = URL(fileURLWithPath: base).standardizedFileURL.path
        var up = from, steps: [String] = []
        while up != found, up.count > found.count, up.hasPrefix(found) {
            up = (up as NSString).deletingLastPathComponent
            steps.append("..")
        }
        return up == found ? (steps.isEmpty ? "." : steps.joined(separator: "/")) : found
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

    /// The lexicon a scenario of `language` plays with here: this library's own, else the
    /// built-in library's. A trainer's library need not copy the lexicons (nor the rubric,
    /// ``rubricFile``); what it has of its own wins.
    public func lexiconFile(for language: String) -> String {
        let own = lexiconPath(for: language)
        let builtIn = Library.bundled.lexiconPath(for: language)
        return FileManager.default.fileExists(atPath: own) || !FileManager.default.fileExists(atPath: builtIn) ? own : builtIn
    }

    /// The languages with a lexicon file here, or in the built-in library, sorted.
    public var languages: [String] {
        Array(Set(ownLanguages + Library.bundled.ownLanguages)).sorted()
    }

    var ownLanguages: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: lexiconsFolder)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
    }

    /// Loads and compiles the lexicon of `language`.
    public func detector(for language: String, diagnostics: inout DiagnosticCollector) -> MoveDetector? {
        lexicon(for: language, diagnostics: &diagnostics).map(MoveDetector.compiled(for:))
    }

    /// Loads the lexicon of `language` (without compiling it).
    public func lexicon(for language: String, diagnostics: inout DiagnosticCollector) -> Lexicon? {
        guard LanguageCode.isValid(language) else {
            diagnostics.error("BAD-LANGUAGE", LanguageCode.problem(language), at: nil)
            return nil
        }
        let path = lexiconFile(for: language)
        guard FileManager.default.fileExists(atPath: path) else {
            let known = languages
            diagnostics.error(
                "NO-LEXICON",
                "no lexicon for language '\(language)' in \(lexiconsFolder)"
                    + (known.isEmpty ? "" : " (available: \(known.joined(separator: ", ")))"),
                at: nil)
            return nil
        }
        return LexiconLoader.load(path: path, diagnostics: &diagnostics)
    }
}

extension Library {
    public var rubricPath: String { (root as NSString).appendingPathComponent("rubric.yaml") }

    /// The rubric that scores here: this library's own, else the built-in library's.
    public var rubricFile: String {
        let builtIn = Library.bundled.rubricPath
        return FileManager.default.fileExists(atPath: rubricPath) || !FileManager.default.fileExists(atPath: builtIn)
            ? rubricPath : builtIn
    }

    /// The rubric a scenario file is scored with: the `rubric.yaml` nearest to it, looking from
    /// its own folder up to the library's root (so a folder of drills can have its own), else
    /// the root's. Never a file outside the library.
    public func rubricPath(forScenarioAt file: String) -> String {
        let top = Self.resolved(root)
        var folder = (Self.resolved(file) as NSString).deletingLastPathComponent
        guard folder.hasPrefix(top + "/") else { return rubricPath }
        while folder != top, folder.hasPrefix(top + "/") {
            let candidate = (folder as NSString).appendingPathComponent("rubric.yaml")
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            folder = (folder as NSString).deletingLastPathComponent
        }
        return rubricPath
    }

    private static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// The rubric that scores `scenario` (see ``rubricPath(forScenarioAt:)``).
    public func loadRubric(for scenario: Scenario, diagnostics: inout DiagnosticCollector) -> Rubric? {
        let nearest = rubricPath(forScenarioAt: scenario.file)
        let path = FileManager.default.fileExists(atPath: nearest) ? nearest : rubricFile
        return RubricLoader.load(path: path, diagnostics: &diagnostics)
    }

    /// The scenario files of the library: every YAML file outside `lexicons/`, `schema/` and
    /// `fragments/`, except rubrics.
    public var scenarioFiles: [String] {
        Self.scenarioFiles(under: root)
    }

    static func scenarioFiles(under folder: String) -> [String] {
        FolderWalk.yamlFiles(under: folder).filter { file in
            let item = String(file.dropFirst(folder.count)).split(separator: "/")
            return !item.contains("lexicons") && !item.contains("schema") && !item.contains("fragments")
                && !item.contains(Substring(InterfaceCatalogueLoader.folderName))
                && !(item.last.map { RubricTranslations.isTranslationFile(String($0)) || $0 == "rubric.yaml" } ?? false)
        }
    }

    public func loadRubric(diagnostics: inout DiagnosticCollector) -> Rubric? {
        RubricLoader.load(path: rubricFile, diagnostics: &diagnostics)
    }

    /// Every scenario that loads; problems in the others are reported.
    public func loadScenarios(diagnostics: inout DiagnosticCollector) -> [Scenario] {
        scenarioFiles.compactMap { ScenarioLoader.load(path: $0, diagnostics: &diagnostics) }
    }

    /// A scenario by id, or by path to a file.
    ///
    /// By id, the file named `ID.yaml` (or `.yml`) is read first, and the rest of the
    /// library only if that file does not hold scenario `ID`; two scenarios with one id are
    /// a mistake, and then the one in `ID.yaml` plays.
    public func scenario(_ reference: String, diagnostics: inout DiagnosticCollector) -> Scenario? {
        if reference.hasSuffix(".yaml") || reference.hasSuffix(".yml") || reference.contains("/") {
            return ScenarioLoader.load(path: reference, diagnostics: &diagnostics)
        }
        // Most scenarios live in a file named after their id: read that one file first, and
        // the whole library only when it is not there (reading every scenario is most of the
        // start-up of `coach play` in a library of hundreds).
        let files = scenarioFiles
        let named = files.filter { file in
            let name = (file as NSString).lastPathComponent
            return name == reference + ".yaml" || name == reference + ".yml"
        }
        for file in named {
            var scratch = DiagnosticCollector()
            if let found = ScenarioLoader.load(path: file, diagnostics: &scratch), found.id == reference { return found }
        }
        var scratch = DiagnosticCollector()
        let scenarios = files.compactMap { ScenarioLoader.load(path: $0, diagnostics: &scratch) }
        if let found = scenarios.first(where: { $0.id == reference }) { return found }
        if let file = files.first(where: { ($0 as NSString).lastPathComponent.hasPrefix(reference + ".") }) {
            // The file exists but did not load: say why.
            _ = ScenarioLoader.load(path: file, diagnostics: &diagnostics)
            return nil
        }
        diagnostics.error(
            "NO-SCENARIO",
            "no scenario '\(reference)' in \(root)\(Suggestion.hint(for: reference, in: scenarios.map(\.id)))", at: nil)
        return nil
    }
}

/// Everything a conversation needs, loaded once: the scenario, the rubric and the detector.
public struct Setup: Sendable {
    public var scenario: Scenario
    public var rubric: Rubric
    public var detector: MoveDetector
    /// coach's own texts for this run: the scenario's language unless the command chose
    /// another (``InterfaceLanguage``); the engine writes its scorecard texts with them.
    public var interface: InterfaceCatalogue

    public init(
        scenario: Scenario, rubric: Rubric, detector: MoveDetector, interface: InterfaceCatalogue = .english
    ) {
        self.scenario = scenario
        self.rubric = rubric
        self.detector = detector
        self.interface = interface
    }

    /// Loads the scenario's rubric and lexicon from `library`.
    public static func load(_ scenario: Scenario, from library: Library, diagnostics: inout DiagnosticCollector)
        -> Setup?
    {
        guard let rubric = library.loadRubric(for: scenario, diagnostics: &diagnostics),
            let lexicon = library.lexicon(for: scenario.language, diagnostics: &diagnostics)
        else { return nil }
        return make(scenario, rubric: rubric, lexicon: lexicon, diagnostics: &diagnostics)
    }

    public func conversation(
        seed: UInt64, trainee: String = "", from startingPoint: Conversation.StartingPoint? = nil
    ) -> Conversation {
        Conversation(
            scenario: scenario, rubric: rubric, detector: detector, seed: seed, trainee: trainee, from: startingPoint,
            texts: interface)
    }

    /// Why `startingPoint` cannot start a conversation (a state that is not one, a mood the
    /// scenario lacks), in words for the trainer; `nil` if it can.
    public func problem(with startingPoint: Conversation.StartingPoint) -> String? {
        Self.problem(with: startingPoint, in: scenario)
    }

    static func problem(with startingPoint: Conversation.StartingPoint, in scenario: Scenario) -> String? {
        guard scenario.states[startingPoint.state] != nil else {
            let states = scenario.stateOrder
            return "'\(startingPoint.state)' is not a state of \(scenario.id)\(Suggestion.hint(for: startingPoint.state, in: states)) (states: \(states.joined(separator: ", ")))"
        }
        let known = scenario.mood.map(\.name)
        for (variable, value) in startingPoint.mood.sorted(by: { $0.key < $1.key }) {
            guard let mood = scenario.mood.first(where: { $0.name == variable }) else {
                return "'\(variable)' is not a mood of \(scenario.id)\(Suggestion.hint(for: variable, in: known))"
                    + (known.isEmpty ? " (it has none)" : " (moods: \(known.joined(separator: ", ")))")
            }
            guard (mood.min...mood.max).contains(value) else {
                return "the mood '\(variable)' lies between \(GuardAnalysis.format(mood.min)) and \(GuardAnalysis.format(mood.max))"
            }
        }
        return nil
    }
}

/// Finds files in a folder tree, following a symbolic link to the folder itself.
enum FolderWalk {
    /// The `.yaml`/`.yml` files under `folder`, as paths that start with `folder` as given, sorted.
    static func yamlFiles(under folder: String) -> [String] {
        let resolved = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        guard let enumerator = FileManager.default.enumerator(atPath: resolved) else { return [] }
        var files: [String] = []
        while let item = enumerator.nextObject() as? String {
            if item.hasSuffix(".yaml") || item.hasSuffix(".yml") {
                files.append((folder as NSString).appendingPathComponent(item))
            }
        }
        return files.sorted()
    }
}
