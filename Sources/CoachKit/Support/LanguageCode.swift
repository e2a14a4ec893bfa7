/// A language code as the `language:` key, `--lang` and lexicon file names use it.
///
/// The code names a file (`lexicons/<code>.yaml`), so it is checked before it is used:
/// a scenario from another trainer must not be able to load `../../anything.yaml` as a
/// lexicon, and echo that file's lines in diagnostics.
public enum LanguageCode {
    /// Two or three lower-case letters, optionally followed by `-` parts of 2–8 letters or
    /// digits: "en", "ru", "hu", "pt-BR", "sr-Latn".
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count),
            first.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) })
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (2...8).contains(part.count)
                && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
        }
    }

    /// Why `text` cannot be a language code, for a diagnostic.
    public static func problem(_ text: String) -> String {
        "'\(text)' is not a language code: two or three lower-case letters, like 'en' or 'ru' (optionally a region, like 'pt-BR')"
    }
}
