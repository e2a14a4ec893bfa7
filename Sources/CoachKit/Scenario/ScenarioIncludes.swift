import Foundation

/// `include:` — parts written once and shared by several scenarios of a library: the same
/// boundary on abuse, the same hand-over ending, the same house phrases (docs/authoring.md,
/// "Fragments").
///
/// A scenario names fragments, never paths: `include: [abuse-boundary]` reads
/// `fragments/abuse-boundary.yaml` of the scenario's library folder, and nothing else. A
/// name cannot climb out of that folder and a symbolic link that leads out of it is refused,
/// so a scenario from another trainer cannot read a file elsewhere on the machine.
///
/// Fragments are merged into the scenario's YAML before it is read, so every diagnostic
/// about a fragment's part points into the fragment's own file.
public enum ScenarioIncludes {
    /// The library folder fragments live in.
    public static let folderName = "fragments"
    /// How many fragments one scenario may include.
    public static let maxIncludes = 16

    /// What a fragment may bring; the rest (id, title, customer, start, tests …) is each
    /// scenario's own.
    public static let fragmentKeys = [
        "global", "states", "endings", "mood", "interrupt", "silence", "unclear", "phrases", "beyond-authority", "rubric",
    ]
    /// Keys whose lists are joined: the scenario's own items first, then each fragment's in
    /// the order included (so a scenario's own global transition is tried before a shared one).
    static let listKeys: Set = ["global", "phrases", "beyond-authority"]
    /// Keys whose mappings are joined entry by entry; an entry the scenario has itself wins.
    static let mappingKeys: Set = ["states", "endings", "mood", "rubric"]

    /// A scenario's YAML with its fragments merged in.
    public struct Assembled {
        public var root: YAMLNode
        /// The scenario's version: its own bytes' hash and its fragments', so that a change in a
        /// shared fragment is a new version of every scenario that includes it.
        public var hash: String
        /// The fragment files read, in the order included.
        public var fragments: [String]
    }

    /// The `fragments/` folder for the scenario at `file`: in its library folder
    /// (``Library/root(near:relativeTo:)``), else next to it.
    public static func folder(forScenarioAt file: String) -> String {
        let own = (file as NSString).deletingLastPathComponent
        let root = Library.root(near: own, relativeTo: FileManager.default.currentDirectoryPath) ?? own
        return root.isEmpty ? folderName : (root as NSString).appendingPathComponent(folderName)
    }

    /// `root` with the fragments its `include:` names merged in; problems are reported where
    /// they are written (the scenario's `include:`, or the fragment file).
    public static func assemble(
        _ root: YAMLNode, file: String, hash: String, diagnostics: inout DiagnosticCollector
    ) -> Assembled {
        guard case .mapping(var top) = root, let include = top.entry("include") else {
            return Assembled(root: root, hash: hash, fragments: [])
        }
        top.entries.removeAll { $0.key == "include" }
        let names = include.value.scalars("include", &diagnostics) ?? []
        if names.count > maxIncludes {
            diagnostics.error(
                "SCN-INCLUDE", "a scenario may include at most \(maxIncludes) fragments; this one names \(names.count)",
                at: include.keyLocation)
        }
        let folder = folder(forScenarioAt: file)
        var merger = Merger(top: top)
        var hashes = [hash]
        var files: [String] = []
        for name in names.prefix(maxIncludes) {
            guard let path = fragmentPath(name, in: folder, diagnostics: &diagnostics) else { continue }
            if files.contains(path) {
                diagnostics.warning("SCN-INCLUDE", "'\(name.text)' is included twice", at: name.location)
                continue
            }
            guard let fragment = YAMLDocument.load(contentsOf: path, diagnostics: &diagnostics) else { continue }
            files.append(path)
            let data = (try? RegularFile.read(path, limit: YAMLLimits().maxBytes).get()) ?? Data()
            hashes.append(ContentHash.of(data))
            guard let parts = fragmentParts(fragment, &diagnostics) else { continue }
            merger.merge(parts, from: name.text, &diagnostics)
        }
        let combined = hashes.count == 1 ? hash : ContentHash.of(Data(hashes.joined(separator: "+").utf8))
        return Assembled(root: .mapping(merger.top), hash: combined, fragments: files)
    }

    /// The fragment files a scenario file includes, for watching them; unreadable ones left out.
    public static func fragmentFiles(ofScenarioAt file: String) -> [String] {
        // Most files include nothing, and a lexicon is a megabyte of YAML: look before parsing.
        guard let data = try? RegularFile.read(file, limit: YAMLLimits().maxBytes).get(),
            data.range(of: Data("include".utf8)) != nil
        else { return [] }
        var scratch = DiagnosticCollector()
        guard let root = YAMLDocument.load(contentsOf: file, diagnostics: &scratch) else { return [] }
        return assemble(root, file: file, hash: "", diagnostics: &scratch).fragments
    }

    /// Whether `file` is a fragment: a YAML file directly in a `fragments/` folder.
    public static func isFragment(_ file: String) -> Bool {
        ((file as NSString).deletingLastPathComponent as NSString).lastPathComponent == folderName
    }

    /// Lints a fragment on its own: only what it may bring. The rest is checked in each
    /// scenario that includes it.
    public static func check(fragment root: YAMLNode, diagnostics: inout DiagnosticCollector) {
        _ = fragmentParts(root, &diagnostics)
    }

    /// The path of the fragment `name` names, if it is one.
    static func fragmentPath(_ name: YAMLScalar, in folder: String, diagnostics: inout DiagnosticCollector) -> String? {
        let text = name.text
        guard ScenarioLoader.Reader.isIdentifier(text) else {
            diagnostics.error(
                "SCN-INCLUDE",
                "'\(text)' is not a fragment name: write the name of a file in \(folder)/ without '.yaml'"
                    + " (lower-case letters, digits, '-' and '_')",
                at: name.location)
            return nil
        }
        let path = (folder as NSString).appendingPathComponent("\(text).yaml")
        let inside = resolved(folder) + "/"
        guard FileManager.default.fileExists(atPath: path) else {
            let known = available(in: folder)
            diagnostics.error(
                "SCN-INCLUDE",
                "no fragment '\(text)' in \(folder)/\(Suggestion.hint(for: text, in: known))"
                    + (known.isEmpty ? "" : " (there are: \(known.joined(separator: ", ")))"),
                at: name.location)
            return nil
        }
        guard resolved(path).hasPrefix(inside) else {
            diagnostics.error(
                "SCN-INCLUDE", "the fragment '\(text)' leads outside \(folder)/; a fragment must be a file in it",
                at: name.location)
            return nil
        }
        return path
    }

    static func available(in folder: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// A fragment's entries, each one a fragment may bring; the others reported.
    static func fragmentParts(_ root: YAMLNode, _ diagnostics: inout DiagnosticCollector) -> [YAMLMapping.Entry]? {
        guard var mapping = root.mapping("a fragment", &diagnostics) else { return nil }
        mapping.entries.removeAll { $0.key.hasPrefix("x-") }
        return mapping.entries.filter { entry in
            if fragmentKeys.contains(entry.key) { return true }
            let why =
                entry.key == "include"
                ? "a fragment cannot include other fragments"
                : ScenarioLoader.topKeys.contains(entry.key)
                    ? "a fragment cannot set '\(entry.key)': it belongs to each scenario"
                    : "unknown key '\(entry.key)' in a fragment\(Suggestion.hint(for: entry.key, in: fragmentKeys))"
            diagnostics.error(
                "SCN-INCLUDE", "\(why) (a fragment may bring \(fragmentKeys.joined(separator: ", ")))",
                at: entry.keyLocation)
            return false
        }
    }

    /// Joins fragments into a scenario's top-level mapping, remembering which fragment brought
    /// what so that two fragments that bring the same thing are reported.
    struct Merger {
        var top: YAMLMapping
        /// "states/lost" or "silence" → the fragment that brought it.
        var broughtBy: [String: String] = [:]

        mutating func merge(_ parts: [YAMLMapping.Entry], from fragment: String, _ diagnostics: inout DiagnosticCollector) {
            for part in parts {
                guard let index = top.entries.firstIndex(where: { $0.key == part.key }) else {
                    top.entries.append(part)
                    record(part, from: fragment)
                    continue
                }
                let own = top.entries[index].value
                if ScenarioIncludes.listKeys.contains(part.key),
                    case .sequence(let items, let location) = own, case .sequence(let more, _) = part.value
                {
                    top.entries[index].value = .sequence(items + more, location)
                } else if ScenarioIncludes.mappingKeys.contains(part.key),
                    case .mapping(var mapping) = own, case .mapping(let more) = part.value
                {
                    for entry in more.entries {
                        if mapping[entry.key] == nil {
                            mapping.entries.append(entry)
                            broughtBy["\(part.key)/\(entry.key)"] = fragment
                        } else {
                            clash("\(part.key)/\(entry.key)", "'\(entry.key)' in \(part.key)", entry.keyLocation, fragment, &diagnostics)
                        }
                    }
                    top.entries[index].value = .mapping(mapping)
                } else if ScenarioIncludes.listKeys.contains(part.key) || ScenarioIncludes.mappingKeys.contains(part.key) {
                    // One of the two is the wrong shape; the scenario's own is reported when it is read.
                    if case .mapping = part.value, ScenarioIncludes.mappingKeys.contains(part.key) { continue }
                    if case .sequence = part.value, ScenarioIncludes.listKeys.contains(part.key) { continue }
                    diagnostics.error(
                        "TYPE", "\(part.key) in a fragment must be \(ScenarioIncludes.listKeys.contains(part.key) ? "a list" : "a mapping"), found \(part.value.kindName)",
                        at: part.keyLocation)
                } else {
                    clash(part.key, part.key, part.keyLocation, fragment, &diagnostics)
                }
            }
        }

        mutating func record(_ part: YAMLMapping.Entry, from fragment: String) {
            broughtBy[part.key] = fragment
            if case .mapping(let mapping) = part.value {
                for entry in mapping.entries { broughtBy["\(part.key)/\(entry.key)"] = fragment }
            }
        }

        /// Something the scenario already has: its own wins, quietly (that is how a scenario
        /// adapts a shared part); another fragment's is a clash, reported.
        func clash(
            _ key: String, _ what: String, _ location: SourceLocation, _ fragment: String,
            _ diagnostics: inout DiagnosticCollector
        ) {
            guard let other = broughtBy[key] else { return }
            diagnostics.error(
                "SCN-INCLUDE",
                "\(what) comes from both '\(other)' and '\(fragment)'; keep it in one, or write the scenario's own",
                at: location)
        }
    }
}
