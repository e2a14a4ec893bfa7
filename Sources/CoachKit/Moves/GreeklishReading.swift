/// Greek typed in Latin letters ("Greeklish": "efxaristo poly", "tha sas kalesoume avrio"),
/// read as the Greek words of the lexicon it sounds like.
///
/// Greek staff often type in Latin letters in chat, and in no one way: "euxaristw",
/// "efxaristo" and "eyxaristo" are all ευχαριστώ. So neither side is transliterated letter
/// for letter; both are reduced to a *sound key* in which the spellings people choose
/// between fall together: every i-sound (ι η υ ει οι, typed i h y u ei oi) is `i`, every
/// o-sound (ο ω, typed o w) is `o`, αι and ε are `e`, ου is `u`, β φ and the second half
/// of αυ ευ are `v` (typed v f u b), μπ and b are `v` too, ντ and d are `d`, γκ γγ and g
/// are `g`, θ is `8` (typed th or 8), χ is `x` (typed x, ch or kh; a word that reads as
/// nothing so is read with ξ, which some type as x), and a doubled letter is one. A word of
/// the reply in Latin letters that no pattern knows as typed is read as the lexicon's words
/// with its key: a whole word whose key is the word's, or a stem whose key begins it (the
/// rest of the word rendered in Greek letters, for the endings). Only Latin
/// words are touched, so Greek text reads exactly as before. The key is loose on purpose
/// (φ and β, ξ and κσ fall together); a reading is one more reading of a word no Greek
/// pattern would have seen, and lint's counter-examples keep it honest.
struct GreeklishReading: Sendable {
    /// The shortest key a stem may begin a word with: shorter stems would read too much.
    static let minimumStemKey = 4
    /// The most Greek words one Latin word is read as: a trainer's lexicon full of words with
    /// one key must not make a reply's words cost more than a few look-ups each.
    static let maximumReadings = 8
    /// A sound key: the sounds of a word, one scalar each ("8" for θ, "x" for χ).
    typealias Key = [Unicode.Scalar]
    /// Whole words by key: the folded Greek words with that key.
    private var words: [Key: [[UInt32]]] = [:]
    /// Stems by key, likewise.
    private var stems: [Key: [[UInt32]]] = [:]
    private var longestStemKey = 0

    /// A reader for the words and stems of `patterns` (folded Greek letters).
    init(patterns: [Pattern]) {
        var seenWords = Set<[UInt32]>(), seenStems = Set<[UInt32]>()
        func collect(_ pattern: Pattern) {
            switch pattern {
            case .word(let letters):
                guard seenWords.insert(letters).inserted, let key = Self.key(greek: letters) else { return }
                words[key, default: []].append(letters)
            case .stem(let letters):
                guard seenStems.insert(letters).inserted, let key = Self.key(greek: letters),
                    key.count >= Self.minimumStemKey
                else { return }
                stems[key, default: []].append(letters)
                longestStemKey = max(longestStemKey, key.count)
            case .sequence(let parts): parts.forEach(collect)
            case .choice(let options, _): options.forEach(collect)
            default: break
            }
        }
        patterns.forEach(collect)
    }

    /// Whether it knows no word at all (a lexicon without Greek words).
    var isEmpty: Bool { words.isEmpty && stems.isEmpty }

    /// The Greek words `latin` (folded, Latin letters only) may be read as: the whole words
    /// with its key, else the longest stems that begin it, each followed by the rest of the
    /// word in Greek letters; at most ``maximumReadings``. Empty for a word that is not all
    /// Latin letters.
    func readings(of latin: ArraySlice<UInt32>) -> [[UInt32]] {
        guard latin.count >= 2, let key = Self.key(latin: latin) else { return [] }
        let found = readings(ofKey: key)
        // "x" is mostly χ ("xronia"), but some type ξ with it too ("xana", "exi"): read so
        // when nothing is read with χ.
        guard found.isEmpty, key.contains("x") else { return found }
        var withXi: Key = []
        for sound in key { Self.append(sound == "x" ? "ks" : String(sound), to: &withXi) }
        return readings(ofKey: withXi)
    }

    private func readings(ofKey key: Key) -> [[UInt32]] {
        if let found = words[key] { return Array(found.prefix(Self.maximumReadings)) }
        var length = min(longestStemKey, key.count)
        while length >= Self.minimumStemKey {
            if let found = stems[Array(key[0..<length])] {
                let rest = Self.greekLetters(forKey: key[length...])
                return found.prefix(Self.maximumReadings).map { $0 + rest }
            }
            length -= 1
        }
        return []
    }

    // MARK: - Sound keys

    /// The key of a folded Greek word; nil if it has a letter that is not Greek.
    static func key(greek letters: [UInt32]) -> Key? {
        var key: Key = []
        var index = 0
        func next(_ offset: Int) -> UInt32? { index + offset < letters.count ? letters[index + offset] : nil }
        while index < letters.count {
            let letter = letters[index], following = next(1)
            var sound: String
            var width = 1
            switch (letter, following) {
            case (0x3B1, 0x3B9): sound = "e"; width = 2  // αι
            case (0x3B5, 0x3B9), (0x3BF, 0x3B9), (0x3C5, 0x3B9): sound = "i"; width = 2  // ει οι υι
            case (0x3BF, 0x3C5): sound = "u"; width = 2  // ου
            case (0x3B1, 0x3C5): sound = "av"; width = 2  // αυ
            case (0x3B5, 0x3C5): sound = "ev"; width = 2  // ευ
            case (0x3BC, 0x3C0): sound = "v"; width = 2  // μπ
            case (0x3BD, 0x3C4): sound = "d"; width = 2  // ντ
            case (0x3B3, 0x3BA), (0x3B3, 0x3B3): sound = "g"; width = 2  // γκ γγ
            default:
                guard let single = greekSounds[letter] else { return nil }
                sound = single
            }
            append(sound, to: &key)
            index += width
        }
        return key.isEmpty ? nil : key
    }

    /// The key of a folded word in Latin letters (and the digits 8 and 3, which stand for θ
    /// and ξ); nil if it has any other character.
    static func key<C: Collection>(latin letters: C) -> Key? where C.Element == UInt32 {
        let letters = Array(letters)
        var key: Key = []
        var index = 0
        var hasLetter = false
        while index < letters.count {
            let sound: String
            if index + 1 < letters.count, let pair = latinPairs[[letters[index], letters[index + 1]]] {
                sound = pair
                hasLetter = true
                index += 2
            } else {
                guard let single = latinSounds[letters[index]] else { return nil }
                sound = single
                hasLetter = hasLetter || letters[index] > 0x39
                index += 1
            }
            append(sound, to: &key)
        }
        return hasLetter && !key.isEmpty ? key : nil
    }

    /// Appends a sound, folding a doubled letter into one.
    private static func append(_ sound: String, to key: inout Key) {
        for scalar in sound.unicodeScalars where key.last != scalar { key.append(scalar) }
    }

    /// Greek letters for the rest of a key after a stem: the endings the suffix rules and
    /// `*` patterns look at, spelled the commonest way.
    static func greekLetters(forKey key: ArraySlice<Unicode.Scalar>) -> [UInt32] {
        key.flatMap { scalar -> [UInt32] in
            switch scalar {
            case "u": [0x3BF, 0x3C5]  // ου
            case "8": [0x3B8]
            case "x": [0x3C7]
            default: latinToGreek[scalar].map { [$0] } ?? []
            }
        }
    }

    private static let greekSounds: [UInt32: String] = [
        0x3B1: "a", 0x3B2: "v", 0x3B3: "g", 0x3B4: "d", 0x3B5: "e", 0x3B6: "z", 0x3B7: "i", 0x3B8: "8",
        0x3B9: "i", 0x3BA: "k", 0x3BB: "l", 0x3BC: "m", 0x3BD: "n", 0x3BE: "ks", 0x3BF: "o", 0x3C0: "p",
        0x3C1: "r", 0x3C2: "s", 0x3C3: "s", 0x3C4: "t", 0x3C5: "i", 0x3C6: "v", 0x3C7: "x", 0x3C8: "ps",
        0x3C9: "o",
    ]

    /// Two Latin letters that spell one Greek sound (or, for ps and ks, one Greek letter).
    private static let latinPairs: [[UInt32]: String] = {
        let pairs: [(String, String)] = [
            ("th", "8"), ("ch", "x"), ("kh", "x"), ("ps", "ps"), ("ks", "ks"), ("ou", "u"), ("ai", "e"),
            ("ei", "i"), ("oi", "i"), ("yi", "i"), ("ui", "i"), ("au", "av"), ("ay", "av"), ("eu", "ev"),
            ("ey", "ev"), ("mp", "v"), ("nt", "d"), ("gk", "g"), ("gg", "g"),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.map { (Array($0.0.unicodeScalars.map(\.value)), $0.1) })
    }()

    private static let latinSounds: [UInt32: String] = {
        let pairs: [(Character, String)] = [
            ("a", "a"), ("b", "v"), ("c", "k"), ("d", "d"), ("e", "e"), ("f", "v"), ("g", "g"), ("h", "i"),
            ("i", "i"), ("j", "g"), ("k", "k"), ("l", "l"), ("m", "m"), ("n", "n"), ("o", "o"), ("p", "p"),
            ("q", "k"), ("r", "r"), ("s", "s"), ("t", "t"), ("u", "i"), ("v", "v"), ("w", "o"), ("x", "x"),
            ("y", "i"), ("z", "z"), ("8", "8"), ("3", "ks"),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.map { (UInt32($0.0.unicodeScalars.first!.value), $0.1) })
    }()

    /// The commonest Greek letter for each sound of a key.
    private static let latinToGreek: [Unicode.Scalar: UInt32] = [
        "a": 0x3B1, "v": 0x3B2, "g": 0x3B3, "d": 0x3B4, "e": 0x3B5, "z": 0x3B6, "i": 0x3B9, "k": 0x3BA,
        "l": 0x3BB, "m": 0x3BC, "n": 0x3BD, "o": 0x3BF, "p": 0x3C0, "r": 0x3C1, "s": 0x3C3, "t": 0x3C4,
    ]
}
