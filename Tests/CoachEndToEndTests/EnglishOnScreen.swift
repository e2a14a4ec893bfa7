import CoachKit
import Foundation

/// Finds English that coach itself put on a screen meant to be in another language.
///
/// Two nets, because neither alone is enough. In a language written in another script
/// (Russian, Greek) every Latin-letter word is suspect, unless the scenario wrote it (a brand,
/// "SMS"), or it is a slash command, a key name or a guideline id. In a language written in
/// Latin letters (Hungarian, Romanian, Slovak) a word is suspect when it is a word of the
/// English interface or rubric and not one of the language's own catalogue, rubric or scenario
/// file (their texts, not their keys): that catches any English text that leaked from a
/// catalogue, whichever the script.
struct EnglishOnScreen {
    let language: String
    /// Words of the English texts that the language's own files do not use.
    let englishOnly: Set<String>

    init(language: String) {
        self.language = language
        let library = Library.bundled.root
        func words(_ relative: String) -> Set<String> {
            let text = (try? String(contentsOfFile: (library as NSString).appendingPathComponent(relative), encoding: .utf8)) ?? ""
            return Self.words(in: Self.values(ofYAML: text))
        }
        let english = words("interface/en.yaml").union(words("rubric.yaml")).union(words("drills/rubric.yaml"))
        let own = words("interface/\(language).yaml").union(words("rubric.\(language).yaml"))
            .union(words("drills/rubric.\(language).yaml"))
        englishOnly = english.subtracting(own).subtracting(Self.alwaysAllowed)
    }

    /// Words any screen may show: the program, its commands and the keys' names. (The keys
    /// and placeholders of the catalogue files are in every language's file, so they drop out.)
    static let alwaysAllowed: Set<String> = Set(SessionCommand.names.map { String($0.dropFirst()) })
        .union(["coach", "drill", "circuit", "enter", "ctrl", "esc", "tab"])

    /// The suspect words in `output`, a screen of `scenario` (its own words are allowed).
    func english(in output: String, scenario: Scenario) -> Set<String> {
        let file = (try? String(contentsOfFile: scenario.file, encoding: .utf8)) ?? ""
        let own = Self.words(in: file).union(Self.words(in: scenario.id)).union([language])
        var suspect = Self.words(in: output).intersection(englishOnly).subtracting(own)
        if !Self.latinScript.contains(language) {
            let latin = Self.latinWords(in: output).subtracting(Self.latinWords(in: file))
                .subtracting(Self.latinWords(in: scenario.id)).subtracting(Self.alwaysAllowed).subtracting([language])
            suspect.formUnion(latin.filter { !$0.hasPrefix("g") || Int($0.dropFirst()) == nil })
        }
        return suspect
    }

    /// The languages of the source documents written in Latin letters.
    static let latinScript: Set<String> = ["en", "hu", "ro", "sk"]

    /// The texts of a catalogue or rubric file without its keys and comments: the keys
    /// ("scorecard.heading") are English in every language's file, and would hide the very
    /// words the net is for.
    static func values(ofYAML text: String) -> String {
        text.split(separator: "\n").compactMap { line -> Substring? in
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("#") { return nil }
            if let colon = trimmed.range(of: ": ") { return trimmed[colon.upperBound...] }
            return trimmed.hasPrefix("- ") ? trimmed.dropFirst(2) : nil
        }.joined(separator: "\n")
    }

    /// Lower-cased words of three letters or more, in any script.
    static func words(in text: String) -> Set<String> {
        var found: Set<String> = []
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) where word.count >= 3 {
            found.insert(String(word))
        }
        return found
    }

    /// Lower-cased words of basic Latin letters (digits allowed after the first letter).
    static func latinWords(in text: String) -> Set<String> {
        var words: Set<String> = []
        var word = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || (!word.isEmpty && ("0"..."9").contains(scalar)) {
                word.unicodeScalars.append(scalar)
            } else {
                if word.count >= 2 { words.insert(word) }
                word = ""
            }
        }
        if word.count >= 2 { words.insert(word) }
        return words
    }
}
