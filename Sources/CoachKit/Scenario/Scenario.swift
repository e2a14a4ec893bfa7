import Foundation

/// A difficult customer as a state machine, written by a trainer (docs/authoring.md).
///
/// Loaded and validated by ``ScenarioLoader``; played by ``Conversation``. Every id
/// a scenario names is checked at load time, so the engine never meets a dangling one.
public struct Scenario: Sendable {
    public var id: String
    public var title: String
    public var kind: Kind
    public var difficulty: Int
    public var language: String
    public var briefing: String
    public var authority: [String]
    public var turnLimit: Int
    public var customer: Customer
    /// Mood variables in the order they were declared.
    public var mood: [MoodVariable]
    public var start: String
    /// Where `start:` is written, for diagnostics about it.
    public var startLocation: SourceLocation?
    public var states: [String: State]
    public var stateOrder: [String]
    public var global: [Transition]
    public var endings: [String: Ending]
    public var endingOrder: [String]
    public var interrupt: Reaction?
    public var silence: SilenceRule?
    /// How the customer answers a reply that carries no move the detector knows, in states
    /// without an `unclear:` of their own. Not silence: somebody said something.
    public var unclear: Reaction?
    /// How this scenario applies the library's rubric, by rule id (`rubric:`).
    public var rubric: [String: RuleOverride] = [:]
    /// What the briefing does not allow the trainee to give (`beyond-authority:`): offering
    /// one of these is a fault of its own (G17, G33). See ``AuthorityCheck``.
    public var beyondAuthority: [Forbidden] = []
    /// The scenario's own words for moves (`phrases:`), patterns in the lexicon's syntax that
    /// count for this scenario only: "take it off the bill" is amends in a restaurant.
    public var phrases: [Phrase] = []
    public var tests: [TranscriptTest]
    /// Where the scenario was read from, and a hash of its bytes (its version in records).
    public var file: String
    public var contentHash: String

    /// The three kinds of difficult customer (GUIDELINES.md).
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case provocateur
        case overlyDemanding = "overly-demanding"
        case genuineGrievance = "genuine-grievance"
    }

    public struct Customer: Sendable {
        public var names: [String]
        public var persona: String
        public var facts: [Fact]
    }

    /// A detail a good agent finds out and notes (G5).
    public struct Fact: Sendable {
        public var id: String
        public var label: String
        public var value: String
        /// Words a note must contain to count as noting this fact.
        public var accept: [String]
        /// Words that, in a question of the trainee's, ask for this fact ("meter reading", "account number").
        public var askedBy: [String] = []
        /// What the customer says when asked for the fact and has not given it yet.
        public var answer: Line?
    }

    public struct MoodVariable: Sendable {
        public var name: String
        public var initial: Double
        public var min: Double
        public var max: Double
        public var minEnding: String?
        public var maxEnding: String?
        public var location: SourceLocation
    }

    /// Where the conversation is; rubric rules are phase-aware.
    public enum Phase: String, Sendable, CaseIterable, Codable {
        case opening, listening, resolving, closing
    }

    /// What the customer says: a line, possibly arriving in parts.
    public struct Line: Sendable {
        public var parts: [String]
        /// When this wording is the one said (`if:` on a variant): a condition on the
        /// conversation so far — mood, replies, states visited — never on the reply's moves.
        /// `nil` for a plain variant. See ``Scenario/sayable(_:mood:replies:path:)``.
        public var when: Condition?
        /// Where the conditional variant is written, for diagnostics about its condition.
        public var whenLocation: SourceLocation?
        public var text: String { parts.joined(separator: " ") }

        public init(parts: [String], when: Condition? = nil) {
            self.parts = parts
            self.when = when
        }

        /// The `{…}` in a customer's text, with the offset (in scalars) each begins at:
        /// `{name}` (the customer's name) and `{fact:ID}` (a fact's value) are filled in
        /// when the line is said (``filled(customer:)``).
        public static func placeholders(in text: String) -> [(String, Int)] {
            var found: [(String, Int)] = []
            let scalars = Array(text.unicodeScalars)
            var index = 0
            while index < scalars.count {
                if scalars[index] == "{", let close = scalars[index...].firstIndex(of: "}") {
                    found.append((String(String.UnicodeScalarView(scalars[index...close])), index))
                    index = close + 1
                } else {
                    index += 1
                }
            }
            return found
        }

        /// The line with its placeholders filled in from `customer`.
        public func filled(customer: Customer) -> Line {
            guard parts.contains(where: { $0.contains("{") }) else { return self }
            return Line(parts: parts.map { part in
                var part = part.replacingOccurrences(of: "{name}", with: customer.names.first ?? "")
                for fact in customer.facts { part = part.replacingOccurrences(of: "{fact:\(fact.id)}", with: fact.value) }
                return part
            })
        }
    }

    /// Flags on what the customer says in a state, used by the circuit and the rubric.
    public struct CustomerAct: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// A negative, loaded question (circuit step 1, G41).
        public static let provokes = CustomerAct(rawValue: 1)
        /// The customer's "yes" (circuit step 4).
        public static let agrees = CustomerAct(rawValue: 2)
        /// A personal insult or threat (G36).
        public static let insults = CustomerAct(rawValue: 4)
        /// A demand for compensation or penalties (G20).
        public static let demands = CustomerAct(rawValue: 8)

        public static let names: [(String, CustomerAct)] = [
            ("provokes", .provokes), ("agrees", .agrees), ("insults", .insults), ("demands", .demands),
        ]
    }

    public struct State: Sendable {
        public var id: String
        public var phase: Phase
        public var say: [Line]
        public var acts: CustomerAct
        public var hint: String?
        public var on: [Transition]
        /// The answer to a reply with no recognised move here (else the scenario's `unclear:`).
        public var unclear: Reaction?
        public var fallback: Fallback?
        public var location: SourceLocation
    }

    public struct Transition: Sendable {
        public var condition: Condition
        public var effects: [MoodEffect]
        public var points: Points?
        /// What the customer says, in turn each time the transition fires: one line, or
        /// variants so that a reaction repeated is not word for word the same.
        public var say: [Line]
        /// A state or an ending; `nil` stays where the conversation is.
        public var goto: String?
        public var gotoLocation: SourceLocation?
        public var location: SourceLocation
    }

    /// When a transition fires: every part that is present must hold.
    public struct Condition: Sendable {
        public var any: [MoveID] = []
        public var all: [MoveID] = []
        /// Groups written inside `all:` (`all: [plan, [apology, empathy]]`): the reply has at
        /// least one move of each group, besides every move of ``all``.
        public var allGroups: [[MoveID]] = []
        public var none: [MoveID] = []
        public var mood: [(variable: String, comparison: Comparison, location: SourceLocation)] = []
        public var turn: Comparison?
        public var visited: [String] = []
        public var notVisited: [String] = []
        public var interrupted: Bool?
        /// Whether the reply gives away what the scenario's `beyond-authority:` forbids
        /// (``AuthorityCheck``): lets a scenario react to an allowed offer and a forbidden one
        /// differently, though both read as `amends`.
        public var beyondAuthority: Bool?
        /// Customer facts the reply must ask for (any of them), by their `asked-by` words in a
        /// reply that asks a question: a scenario reacts to "what does your meter show?" as to
        /// a request for the reading, whatever other moves the reply makes.
        public var asked: [String] = []

        public init() {}

        /// The moves this condition names, for coverage and lint.
        public var moves: Set<MoveID> { Set(any + all + allGroups.flatMap { $0 } + none) }
    }

    /// `< 50`, `>= 3`: a comparison with a number.
    public struct Comparison: Sendable, Hashable, CustomStringConvertible {
        /// The largest number a file may compare with.
        public static let maxMagnitude: Double = 1_000_000

        public enum Operator: String, Sendable, CaseIterable {
            case lessOrEqual = "<=", greaterOrEqual = ">=", equal = "==", notEqual = "!=", less = "<", greater = ">"
        }

        public var op: Operator
        public var value: Double

        /// Parses `"< 50"`, `">= 3"`, or a bare number (meaning `==`).
        public static func parse(_ text: String) -> Comparison? {
            let text = text.trimmingCharacters(in: .whitespaces)
            for op in Operator.allCases where text.hasPrefix(op.rawValue) {
                let number = text.dropFirst(op.rawValue.count).trimmingCharacters(in: .whitespaces)
                guard let value = Double(number), value.isFinite else { return nil }
                return Comparison(op: op, value: value)
            }
            guard let value = Double(text), value.isFinite else { return nil }
            return Comparison(op: .equal, value: value)
        }

        public func holds(for number: Double) -> Bool {
            switch op {
            case .less: number < value
            case .lessOrEqual: number <= value
            case .greater: number > value
            case .greaterOrEqual: number >= value
            case .equal: number == value
            case .notEqual: number != value
            }
        }

        public var description: String {
            "\(op.rawValue) \(value == value.rounded() ? String(Int(value)) : String(value))"
        }
    }

    /// The variants of a line that may be said now: those whose `if:` holds, if any does,
    /// else the plain ones (without `if:`).
    ///
    /// A condition names the wording for a mood ("when patience is low, say it curtly"), so it
    /// wins over the plain wording; lint makes sure every line has a plain variant to fall back
    /// on. `replies` counts the trainee's replies so far (the one being answered included).
    public func sayable(_ variants: [Line], mood: [String: Double], replies: Int, path: [String]) -> [Line] {
        sayableIndices(variants, mood: mood, replies: replies, path: path).map { variants[$0] }
    }

    /// The positions of ``sayable(_:mood:replies:path:)``'s variants in `variants`.
    public func sayableIndices(_ variants: [Line], mood: [String: Double], replies: Int, path: [String]) -> [Int] {
        guard variants.contains(where: { $0.when != nil }) else { return Array(variants.indices) }
        let values = self.mood.reduce(into: mood) { values, variable in
            if values[variable.name] == nil { values[variable.name] = variable.initial }
        }
        let chosen = variants.indices.filter {
            variants[$0].when?.holds(moves: [], mood: values, turn: replies, path: path, interrupted: false) ?? false
        }
        return chosen.isEmpty ? variants.indices.filter { variants[$0].when == nil } : chosen
    }

    /// `mood` after `effects`: each change added, and clamped to its variable's bounds.
    public func applying(_ effects: [MoodEffect], to mood: [String: Double]) -> [String: Double] {
        var mood = mood
        for effect in effects {
            guard let variable = self.mood.first(where: { $0.name == effect.variable }) else { continue }
            let value = (mood[effect.variable] ?? variable.initial) + effect.delta
            mood[effect.variable] = Swift.min(Swift.max(value, variable.min), variable.max)
        }
        return mood
    }

    /// One `phrases:` pattern: the move it shows, as written, and where.
    public struct Phrase: Sendable, Hashable {
        public var move: MoveID
        public var pattern: String
        /// Where the pattern's first character is (past an opening quote).
        public var location: SourceLocation
    }

    public struct MoodEffect: Sendable, Hashable {
        public var variable: String
        public var delta: Double
        public var location: SourceLocation
    }

    /// Scenario-specific points, recorded like a rubric event.
    public struct Points: Sendable {
        public var value: Int
        public var category: Category
        public var because: String
        public var guidelines: [String]
        public var tryText: String?
    }

    public struct Fallback: Sendable {
        public var say: [Line]
        public var effects: [MoodEffect]
        public var limit: Int?
        public var goto: String?
        public var gotoLocation: SourceLocation?
        public var location: SourceLocation
    }

    /// How the customer reacts to an event (being interrupted).
    public struct Reaction: Sendable {
        public var say: [Line]
        public var effects: [MoodEffect]
    }

    /// A rubric rule as this scenario applies it: in its words (its customer, its facts),
    /// or not at all where it cannot fairly be asked for.
    public struct RuleOverride: Sendable {
        public var why: String?
        public var tryText: String?
        /// `false`: the rule neither scores nor counts as a chance here.
        public var applies: Bool
        public var location: SourceLocation
    }

    /// When and how the customer nudges a silent trainee.
    public struct SilenceRule: Sendable {
        public var after: Double
        public var say: [Line]
        public var effects: [MoodEffect]
    }

    public struct Ending: Sendable {
        public var id: String
        public var outcome: Outcome
        /// Variants, as in a transition: a list of texts is one line in parts.
        public var say: [Line] = []
        /// The scenario's own verdict on ending here (`points:`), beyond what the outcome
        /// earns: handing over because you promised what only a manager can give is not
        /// the hand-over the outcome `escalated` rewards.
        public var points: Points? = nil
        public var location: SourceLocation
    }

    public func isEnding(_ id: String) -> Bool { endings[id] != nil }

    /// Every line the customer can say, in file order as far as it is kept: states (with their
    /// transitions, unclear and fallback), global transitions, endings, then the reactions.
    public var allLines: [Line] {
        var lines: [Line] = []
        for id in stateOrder {
            guard let state = states[id] else { continue }
            lines += state.say + state.on.flatMap(\.say) + (state.unclear?.say ?? []) + (state.fallback?.say ?? [])
        }
        lines += global.flatMap(\.say)
        lines += endingOrder.flatMap { endings[$0]?.say ?? [] }
        lines += (interrupt?.say ?? []) + (silence?.say ?? []) + (unclear?.say ?? [])
        lines += customer.facts.compactMap(\.answer)
        return lines
    }
}

extension Scenario {
    /// Something the trainee may not give, and the words that name it.
    public struct Forbidden: Sendable, Hashable {
        /// How the scorecard names it: "a free phone".
        public var label: String
        /// Phrases that name it, matched word for word after folding ("free phone", "phone for free").
        public var words: [String]
        public var location: SourceLocation
    }
}

/// How a conversation ended.
public enum Outcome: String, Sendable, CaseIterable, Codable {
    case resolved
    case escalated
    case customerLost = "customer-lost"
    case timedOut = "timed-out"
    case abandoned
    /// A drill or exercise ran its course: there was nothing to resolve, so the score
    /// alone says how it went (a drill scored 0 must not read "resolved").
    case completed
}

/// The scorecard's categories (DESIGN.md).
public enum Category: String, Sendable, CaseIterable, Codable, Comparable {
    case listening, courtesy, composure, ownership, resolution, control

    public static func < (lhs: Category, rhs: Category) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
