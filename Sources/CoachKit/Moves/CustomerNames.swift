/// The customer's names, prepared for matching inflected forms ("Varga's", "Ивановой").
///
/// Built once per scenario from its names and the lexicon's `name-forms` rule.
public struct CustomerNames: Sendable, Hashable {
    struct Form: Sendable, Hashable {
        var display: String
        var stem: [UInt32]
        var maxLength: Int
    }

    /// A form's sound key (``GreeklishReading``), for a lexicon that reads Greeklish:
    /// "Papadopoule" and "kyrie" typed in Latin letters are Παπαδόπουλε and κύριε.
    struct LatinForm: Sendable, Hashable {
        var key: GreeklishReading.Key
        var maxLength: Int
        var form: Int
    }

    var forms: [Form]
    var titles: Set<[UInt32]>
    /// Letters that, right after a stem, make a word that is not the name (`not-endings`).
    var notEndings: [[UInt32]]
    var latinForms: [LatinForm] = []
    var latinTitles: Set<GreeklishReading.Key> = []

    public static let none = CustomerNames(forms: [], titles: [])

    public var isEmpty: Bool { forms.isEmpty }

    init(forms: [Form], titles: Set<[UInt32]>, notEndings: [[UInt32]] = []) {
        self.forms = forms
        self.titles = titles
        self.notEndings = notEndings
    }

    /// Prepares `names` ("Anna Varga", "Mrs. Varga") for the lexicon's language.
    public init(_ names: [String], lexicon: Lexicon) {
        let tokenizer = lexicon.tokenizer
        let normaliser = tokenizer.normaliser
        let titles = Set(lexicon.names.titles.map { normaliser.fold($0) })
        let endings = lexicon.names.stripEndings.map { normaliser.fold($0) }.sorted { $0.count > $1.count }
        var forms: [Form] = []
        for name in names {
            let tokenized = tokenizer.tokenize(name)
            for token in tokenized.tokens where token.kind == .word {
                let display = tokenized.text(from: token.start, to: token.end)
                for letters in Self.typedForms(of: Array(tokenized.folded[token.foldedStart..<token.foldedEnd])) {
                    // Titles and initials are not names to look for on their own.
                    guard letters.count >= 2, !titles.contains(letters) else { continue }
                    var stem = letters
                    if let ending = endings.first(where: { letters.count - $0.count >= 3 && letters.ends(with: $0) }) {
                        stem.removeLast(ending.count)
                    }
                    let form = Form(display: display, stem: stem, maxLength: letters.count + lexicon.names.maxExtra)
                    if !forms.contains(form) { forms.append(form) }
                }
            }
        }
        self.init(forms: forms, titles: titles, notEndings: lexicon.names.notEndings.map { normaliser.fold($0) })
        if lexicon.readsGreeklish {
            for (index, form) in forms.enumerated() {
                guard let stem = GreeklishReading.key(greek: form.stem) else { continue }
                latinForms.append(LatinForm(key: stem, maxLength: stem.count + form.maxLength - form.stem.count, form: index))
            }
            latinTitles = Set(titles.compactMap(GreeklishReading.key(greek:)))
        }
    }

    /// A name word as it may be typed: as written, and for a word with an apostrophe
    /// ("O'Sullivan", "D'Angelo") also without it ("osullivan") and, after a one-letter
    /// particle, without the particle ("O Sullivan" is two words, the second the name).
    static func typedForms(of letters: [UInt32]) -> [[UInt32]] {
        guard let apostrophe = letters.firstIndex(of: 0x27) else { return [letters] }
        var forms = [letters, letters.filter { $0 != 0x27 }]
        if apostrophe == 1 { forms.append(Array(letters[2...]).filter { $0 != 0x27 }) }
        return forms
    }

    /// Whether `word` is one of the lexicon's titles ("Mrs", "κύριε", or "kyrie" where the
    /// lexicon reads Greeklish).
    func isTitle(_ word: ArraySlice<UInt32>) -> Bool {
        if titles.contains(Array(word)) { return true }
        guard !latinTitles.isEmpty, let key = GreeklishReading.key(latin: word) else { return false }
        return latinTitles.contains(key)
    }

    func form(matching word: ArraySlice<UInt32>) -> Form? {
        formIndex(matching: word).map { forms[$0] }
    }

    /// The index in `forms` of the first form `word` matches.
    func formIndex(matching word: ArraySlice<UInt32>) -> Int? {
        let found = forms.firstIndex { form in
            guard word.count >= form.stem.count, word.count <= form.maxLength, word.starts(with: form.stem) else {
                return false
            }
            let extra = word.dropFirst(form.stem.count)
            return !notEndings.contains { !$0.isEmpty && extra.starts(with: $0) }
        }
        guard found == nil, !latinForms.isEmpty, let key = GreeklishReading.key(latin: word) else { return found }
        return latinForms.first { key.count <= $0.maxLength && key.starts(with: $0.key) }?.form
    }
}

extension Array where Element: Equatable {
    fileprivate func ends(with suffix: [Element]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
