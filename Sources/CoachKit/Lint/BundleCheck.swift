import Foundation
import Synchronization

/// Guards that the lexicon's own examples say cannot fire as meant, because the moves they
/// ask for come together with others (`SCN-BUNDLE`, docs/authoring.md "One reply, several moves").
///
/// "Let me call the duty manager" is `plan` and `escalate` at once. `{any: [escalate],
/// none: [plan]}` then misses it, and so does an `any: [escalate]` tried after an
/// `any: [plan]`. Whether every hand-over is also a plan is a fact about the language, not
/// about the guard, so it cannot be proved from the guard alone; the lexicon's examples
/// of each move are the evidence. A transition is reported when at most one in ten of the
/// examples that satisfy what it asks for (its `any` and `all`) would make it fire: the
/// others are excluded by its own `none`, or taken first by an earlier transition whose
/// other conditions hold whenever this one's do. Three examples at least, or nothing is said.
public enum BundleCheck {
    /// How many examples must satisfy a guard's moves before their verdict counts.
    static let minimumEvidence = 3
    /// The largest share of those examples (in per cent) for which a transition may fire and
    /// still be reported: one that misses nine replies in ten of what it asks for is a trap.
    static let maximumShare = 10

    /// `SCN-BUNDLE` warnings for `scenario`; `dead` are transitions already reported as never firing.
    static func check(
        _ scenario: Scenario, readings: ExampleReadings, dead: Set<TransitionRef>, diagnostics: inout DiagnosticCollector
    ) {
        let globals = scenario.global.enumerated().map { (TransitionRef.global(index: $0.offset), $0.element) }
        var lists: [[(TransitionRef, Scenario.Transition)]] = [globals]
        for id in scenario.stateOrder {
            guard let state = scenario.states[id] else { continue }
            lists.append(globals + state.on.enumerated().map { (.on(state: id, index: $0.offset), $0.element) })
        }
        var reported = Set<TransitionRef>()
        for list in lists {
            for (position, (ref, transition)) in list.enumerated() where !dead.contains(ref) && !reported.contains(ref) {
                let earlier = list[..<position].filter { !dead.contains($0.0) }
                guard let problem = problem(with: transition, after: Array(earlier), scenario: scenario, readings: readings)
                else { continue }
                reported.insert(ref)
                diagnostics.warning("SCN-BUNDLE", problem, at: transition.location)
            }
        }
    }

    /// Why `transition` fires for none of the examples of what it asks for, if so.
    static func problem(
        with transition: Scenario.Transition, after earlier: [(TransitionRef, Scenario.Transition)],
        scenario: Scenario, readings: ExampleReadings
    ) -> String? {
        let condition = transition.condition
        var asked: [MoveID] = []
        for move in condition.any + condition.all + condition.allGroups.flatMap({ $0 }) where !asked.contains(move) {
            asked.append(move)
        }
        guard !asked.isEmpty else { return nil }
        // Thousands of readings are tested against each guard: as bits, not sets of names.
        let guardBits = GuardBits(condition)
        let examples = asked.map { readings.readings(of: $0) }
        // An example of two moves asked for counts once; its number is dense, so a flag per
        // number, not a hash set, for the tens of thousands of readings a scenario's guards test.
        var seen = [Bool](repeating: false, count: (examples.lazy.flatMap { $0 }.map(\.textID).max() ?? 0) + 1)
        let candidates = examples.joined().filter { reading in
            guard !seen[reading.textID] else { return false }
            seen[reading.textID] = true
            return guardBits.asks(reading.bits)
        }
        guard candidates.count >= minimumEvidence else { return nil }
        let rest = withoutMoves(condition)
        var excluded: [ExampleReadings.Reading] = []
        var taken: [Int: [ExampleReadings.Reading]] = [:]
        var fired = 0
        // Whether this transition's other conditions imply an earlier one's: the same for every
        // reading, so worked out once per earlier transition, and only when a reading asks.
        var implied = [Bool?](repeating: nil, count: earlier.count)
        func implies(_ index: Int) -> Bool {
            if let known = implied[index] { return known }
            let answer = GuardAnalysis.implies(rest, withoutMoves(earlier[index].1.condition), scenario: scenario)
            implied[index] = answer
            return answer
        }
        let earlierBits = earlier.map { GuardBits($0.1.condition) }
        for reading in candidates {
            if reading.bits & guardBits.none != 0 {
                excluded.append(reading)
                continue
            }
            let thief = earlier.indices.first { index in earlierBits[index].holds(reading.bits) && implies(index) }
            if let thief {
                taken[thief, default: []].append(reading)
            } else {
                fired += 1
                // Fires for more than the share already: nothing to report, whatever the rest do.
                if fired * 100 > candidates.count * maximumShare { return nil }
            }
        }
        let what = asked.map(\.rawValue).joined(separator: " or ")
        var reasons: [String] = []
        if !excluded.isEmpty {
            let also = Set(excluded.flatMap { $0.moves.intersection(condition.none) }).map(\.rawValue).sorted()
            reasons.append(
                "\(count(excluded.count, of: candidates.count)) also read as \(also.joined(separator: " or ")), which its `none:` excludes")
        }
        for (index, readings) in taken.sorted(by: { $0.key < $1.key }) {
            let (ref, other) = earlier[index]
            let line = "line \(other.location.line)" + (other.location.file == transition.location.file ? "" : " of \((other.location.file as NSString).lastPathComponent)")
            let also = Set(readings.flatMap { $0.moves.intersection(other.condition.moves.subtracting(other.condition.none)) })
                .subtracting(asked).map(\.rawValue).sorted()
            let reading = also.isEmpty ? "" : " also read as \(also.joined(separator: " or ")),"
            reasons.append(
                "\(count(readings.count, of: candidates.count))\(reading) taken first by the \(ref.isGlobal ? "global " : "")transition at \(line)")
        }
        let example = (excluded.first ?? taken.sorted { $0.key < $1.key }.first?.value.first)?.text ?? ""
        let share = fired == 0 ? "none" : "only \(fired)"
        return "this transition fires for \(share) of the lexicon's \(candidates.count) examples of \(what): "
            + reasons.joined(separator: "; ") + " (e.g. \"\(example)\"); see `coach probe` for a reply of your own"
    }

    static func count(_ part: Int, of whole: Int) -> String {
        part == whole ? (whole == 2 ? "both" : "all \(whole)") : "\(part)"
    }

    /// The move parts of a guard, as bits of ``ExampleReadings/bits(of:)``.
    struct GuardBits {
        var any: UInt64
        var all: UInt64
        var groups: [UInt64]
        var none: UInt64

        init(_ condition: Scenario.Condition) {
            any = ExampleReadings.bits(of: condition.any)
            all = ExampleReadings.bits(of: condition.all)
            groups = condition.allGroups.map(ExampleReadings.bits(of:))
            none = ExampleReadings.bits(of: condition.none)
        }

        /// Whether a reply read as `moves` has what the guard asks for (`any`, `all`, the groups).
        func asks(_ moves: UInt64) -> Bool {
            (any == 0 || moves & any != 0) && moves & all == all && !groups.contains { moves & $0 == 0 }
        }

        /// Whether the guard's move parts hold for a reply read as `moves`.
        func holds(_ moves: UInt64) -> Bool { asks(moves) && moves & none == 0 }
    }

    static func withoutMoves(_ condition: Scenario.Condition) -> Scenario.Condition {
        var rest = condition
        rest.any = []
        rest.all = []
        rest.allGroups = []
        rest.none = []
        return rest
    }
}

/// What the lexicon's examples of each move are read as, by a scenario's detector: the
/// evidence ``BundleCheck`` judges guards on. Read lazily, a move at a time, and shared by
/// every scenario linted with the same lexicon file and phrases in one run.
public final class ExampleReadings: Sendable {
    public struct Reading: Sendable {
        public var text: String
        public var moves: Set<MoveID>
        /// `moves` as bits (``bits(of:)``).
        var bits: UInt64
        /// The same number for the same text, under whichever move it is an example of.
        var textID: Int
    }

    private let lexicon: Lexicon
    private let detector: MoveDetector
    /// The readings by the lexicon alone, when `detector` adds a scenario's phrases to it:
    /// an example the phrases cannot bear on reads as it does there, and is not detected again.
    private let base: ExampleReadings?
    private let byMove = Mutex<(readings: [MoveID: [Reading]], textIDs: [String: Int])>(([:], [:]))

    /// Each move's bit, by its rank in `MoveID.allCases` (31 moves: one word).
    private static let bitOfMove: [MoveID: UInt64] = Dictionary(
        uniqueKeysWithValues: MoveID.allCases.enumerated().map { ($1, UInt64(1) << UInt64($0)) })

    /// `moves` as one word, a bit per move.
    static func bits(of moves: some Sequence<MoveID>) -> UInt64 {
        moves.reduce(0) { $0 | bitOfMove[$1]! }
    }

    /// The readings of `lexicon`'s examples by `detector` (by default, `lexicon`'s own).
    init(lexicon: Lexicon, detector: MoveDetector? = nil, base: ExampleReadings? = nil) {
        self.lexicon = lexicon
        self.detector = detector ?? MoveDetector.compiled(for: lexicon)
        self.base = base
    }

    /// The examples of `move`, each with every move it is read as.
    public func readings(of move: MoveID) -> [Reading] {
        // Outside this one's lock: the base has its own.
        let alone = base?.readings(of: move)
        return byMove.withLock { known in
            if let readings = known.readings[move] { return readings }
            let entry = lexicon.moves[move]
            let names = detector.customerNames(entry?.customer ?? [])
            let readings = (entry?.examples ?? []).enumerated().map { index, example in
                let moves: Set<MoveID>
                if let alone, index < alone.count, alone[index].text == example.text,
                    !detector.addedPatternsBear(on: example.text)
                {
                    moves = alone[index].moves
                } else {
                    moves = detector.detect(example.text, names: names).ids
                }
                let textID = known.textIDs[example.text] ?? known.textIDs.count
                known.textIDs[example.text] = textID
                return Reading(text: example.text, moves: moves, bits: Self.bits(of: moves), textID: textID)
            }
            known.readings[move] = readings
            return readings
        }
    }

    /// The readings by each lexicon version alone, and with each scenario's phrases: kept
    /// apart, so that a library of scenarios with phrases of their own, each read once,
    /// never pushes out the lexicons' own readings, which every scenario uses.
    private static let alone = Mutex<[String: ExampleReadings]>([:])
    private static let withPhrases = Mutex<[String: ExampleReadings]>([:])

    /// The readings for `lexicon` with `phrases` added, shared by every scenario with the same
    /// phrases while the lexicon's text is the same (``Lexicon/version``: a `coach lint
    /// --watch` sees an edited lexicon afresh; a lexicon not read from a file is not shared).
    static func shared(lexicon: Lexicon, phrases: [Scenario.Phrase]) -> ExampleReadings {
        // A scenario's phrases change few readings: those are read again, the rest are the
        // lexicon's own (shared by every scenario on it).
        let base = phrases.isEmpty ? nil : shared(lexicon: lexicon, phrases: [])
        func make() -> ExampleReadings {
            guard !phrases.isEmpty else { return ExampleReadings(lexicon: lexicon) }
            var scratch = DiagnosticCollector()
            let extended = lexicon.adding(phrases, diagnostics: &scratch)
            return ExampleReadings(
                lexicon: extended, detector: MoveDetector.compiled(for: lexicon).extended(to: extended), base: base)
        }
        guard !lexicon.version.isEmpty else { return make() }
        let key = ([lexicon.file, lexicon.version] + phrases.map { "\($0.move.rawValue)=\($0.pattern)" })
            .joined(separator: "\n")
        func remembered(in cache: borrowing Mutex<[String: ExampleReadings]>) -> ExampleReadings {
            cache.withLock { cache in
                if let known = cache[key] { return known }
                // A watch that edits the lexicon makes a new entry at each save; keep a few.
                if cache.count >= 8 { cache.removeAll() }
                let readings = make()
                cache[key] = readings
                return readings
            }
        }
        return phrases.isEmpty ? remembered(in: alone) : remembered(in: withPhrases)
    }
}
