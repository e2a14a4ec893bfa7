/// Which language coach's own texts are in, for one run.
///
/// The order, first that names a language with a catalogue wins:
/// 1. the command's `--interface-language` option;
/// 2. `LC_ALL`, then `LC_MESSAGES` — set on purpose to choose the language of messages;
/// 3. the scenario's language — a trainee practising in Russian reads Russian around it,
///    even on a machine whose `LANG` says English, as most do by default;
/// 4. `LANG`;
/// 5. English.
/// "C" and "POSIX" name no language and are passed over; "ru_RU.UTF-8" names Russian.
public enum InterfaceLanguage {
    /// The language to use, from what the run knows. `available`: languages with a catalogue.
    public static func choose(
        option: String?, environment: [String: String], scenario: String?, available: [String]
    ) -> String {
        let candidates: [String?] = [
            option, environment["LC_ALL"].flatMap(language(ofLocale:)),
            environment["LC_MESSAGES"].flatMap(language(ofLocale:)), scenario,
            environment["LANG"].flatMap(language(ofLocale:)),
        ]
        for case let candidate? in candidates where available.contains(candidate) { return candidate }
        return "en"
    }

    /// The language code of a POSIX locale name: "ru_RU.UTF-8" → "ru"; `nil` for "C",
    /// "POSIX", an empty value, or anything that is not a language code.
    public static func language(ofLocale locale: String) -> String? {
        let name = locale.split(whereSeparator: { $0 == "." || $0 == "@" }).first.map(String.init) ?? ""
        let code = (name.split(separator: "_").first.map(String.init) ?? "").lowercased()
        guard code != "c", code != "posix", LanguageCode.isValid(code) else { return nil }
        return code
    }
}
