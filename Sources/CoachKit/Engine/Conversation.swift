/// A conversation with a scenario's customer: a pure state machine over input events.
///
/// `Conversation(scenario:rubric:detector:seed:)` opens it; each `receive` takes one
/// ``InputEvent`` and returns what the customer says and what the rubric noticed;
/// `scorecard()` scores it at any moment. There is no I/O and no clock: the same
/// scenario, seed and events always give the same conversation, byte for byte. How
/// a turn is decided is documented in `docs/authoring.md`.
public struct Conversation: Sendable {
    public let scenario: Scenario
    public let detector: MoveDetector
    public let seed: UInt64
    public let trainee: String
    let names: CustomerNames

    public private(set) var state: String
    public private(set) var mood: [String: Double]
    /// The states and ending visited, in order, starting with the start state.
    public private(set) var path: [String]
    public private(set) var turns: [TurnRecord] = []
    /// Everything the customer said, in order (the opening line first).
    public private(set) var customerLines: [CustomerLine] = []
    public private(set) var outcome: Outcome?
    public private(set) var ending: String?
    public private(set) var notes: [String] = []
    public private(set) var factsNoted: [String] = []
    /// Ids of the facts the customer has said so far: only these could have been noted.
    public private(set) var factsGiven: Set<String> = []
    /// Events that belong to no reply: silences, hints, notes.
    public private(set) var sessionEvents: [RuleEvent] = []

    private var generator: SeededGenerator
    private var evaluator: RubricEvaluator
    private var circuits: CircuitTracker
    private var fallbackStreak = 0
    /// How many times each line said in turn has been said (see ``inTurn(_:from:)``).
    private var rotations: [Rotation: Int] = [:]
    /// The trainee's replies so far, the one being answered included: what a line's `turn:` compares.
    private var repliesHeard = 0
    private let authority: AuthorityCheck

    /// The customer has said their last line and is still there: the trainee has one
    /// closing reply (thanks, a positive close, a closing apology — G25, G32, G41) that
    /// the rubric scores and nobody answers. Only after an ending the customer stays for
    /// (resolved, escalated); one who walked out or hung up hears nothing more.
    public private(set) var awaitingLastWord = false

    /// No more events count: the conversation ended, and the last word, if any, was said.
    public var isOver: Bool { outcome != nil && !awaitingLastWord }

    /// The customer's first line (part of ``customerLines``).
    public var opening: CustomerLine { customerLines[0] }

    /// Where a conversation begins when it does not begin at the scenario's `start`: a
    /// trainer's "what if, here?" (`coach probe`, `coach play --from`).
    public struct StartingPoint: Sendable {
        /// A state of the scenario (not an ending).
        public var state: String
        /// Mood values that replace the initial ones; the others keep theirs.
        public var mood: [String: Double]

        public init(state: String, mood: [String: Double] = [:]) {
            self.state = state
            self.mood = mood
        }
    }

    /// A conversation at its start, or at `startingPoint` (a state that must exist, and mood
    /// variables the scenario has); the customer's first line is that state's.
    public init(
        scenario: Scenario, rubric: Rubric, detector: MoveDetector, seed: UInt64, trainee: String = "",
        from startingPoint: StartingPoint? = nil, texts: InterfaceCatalogue = .english
    ) {
        self.scenario = scenario
        circuits = CircuitTracker(texts: texts)
        self.detector = detector
        self.seed = seed
        self.trainee = trainee
        names = detector.customerNames(scenario.customer.names)
        generator = SeededGenerator(seed: seed)
        evaluator = RubricEvaluator(rubric: rubric, scenario: scenario, texts: texts)
        authority = AuthorityCheck(scenario.beyondAuthority, detector: detector, names: names)
        let start = startingPoint?.state ?? scenario.start
        state = start
        path = [start]
        mood = Self.initialMood(of: scenario, from: startingPoint)
        let line = Self.firstLine(of: scenario, at: start, mood: mood, generator: &generator)
        customerLines = [line]
        heard([line])
        evaluator.customerSaid(line.acts)
        circuits.customerSpoke(line.acts, turn: 0)
    }

    /// The customer's first line in a conversation with `seed`: the ``opening`` that
    /// `Conversation(scenario:rubric:detector:seed:from:)` gives, known without a detector.
    ///
    /// A session shows it while the lexicon is still being compiled (``PendingSetup``).
    public static func opening(of scenario: Scenario, seed: UInt64, from startingPoint: StartingPoint? = nil)
        -> CustomerLine
    {
        var generator = SeededGenerator(seed: seed)
        let start = startingPoint?.state ?? scenario.start
        return firstLine(
            of: scenario, at: start, mood: initialMood(of: scenario, from: startingPoint), generator: &generator)
    }

    private static func initialMood(of scenario: Scenario, from startingPoint: StartingPoint?) -> [String: Double] {
        var mood = Dictionary(uniqueKeysWithValues: scenario.mood.map { ($0.name, $0.initial) })
        for (variable, value) in startingPoint?.mood ?? [:] where mood[variable] != nil { mood[variable] = value }
        return mood
    }

    /// The start state's line: drawn as ``stateLine(_:)`` draws it, before any reply.
    private static func firstLine(
        of scenario: Scenario, at start: String, mood: [String: Double], generator: inout SeededGenerator
    ) -> CustomerLine {
        let state = scenario.states[start]!
        let fitting = scenario.sayable(state.say, mood: mood, replies: 0, path: [start])
        let picked = pick(fitting, generator: &generator) ?? Scenario.Line(parts: [])
        return line(picked, source: start, acts: state.acts, customer: scenario.customer)
    }

    /// What the engine answers to one event.
    public struct Response: Sendable {
        /// What the customer says, in order.
        public var customer: [CustomerLine] = []
        public var events: [RuleEvent] = []
        /// For a reply: what the detector saw.
        public var detection: MoveDetection?
        /// For a hint: the hint.
        public var hint: String?
        /// For a note: the facts it recorded.
        public var factsNoted: [String] = []
    }

    /// Takes one event. Events after the end are ignored (an empty response).
    public mutating func receive(_ event: InputEvent) -> Response {
        guard !isOver else { return Response() }
        if awaitingLastWord {
            switch event {
            case .reply(let text, _): return lastWord(text)
            case .note(let text): return note(text)
            case .silence, .hint: return Response()
            }
        }
        switch event {
        case .reply(let text, let interrupted): return reply(text, interrupted: interrupted)
        case .silence(let seconds): return silence(seconds)
        case .note(let text): return note(text)
        case .hint: return hint()
        }
    }

    // MARK: - Replies

    private mutating func reply(_ text: String, interrupted: Bool) -> Response {
        let number = turns.count + 1
        repliesHeard = number
        let detection = detector.detect(text, names: names)
        let current = scenario.states[state]!
        var response = Response(detection: detection)
        var lines: [CustomerLine] = []

        if interrupted {
            response.events += evaluator.event(.interrupt, turn: number, quote: text)
            if let reaction = scenario.interrupt {
                apply(reaction.effects)
                if let said = pick(reaction.say) { lines.append(line(said, source: state, acts: [])) }
            }
        }
        let gifts = authority.gifts(in: detection.text)
        response.events += judge(detection, gifts: gifts, turn: number, phase: current.phase, acts: current.acts)
        let step = circuits.traineeReplied(detection, turn: number)
        // "Let me finish!" comes first; an answer to the trainee's question comes after it.
        let reactionsToInterrupting = lines.count

        // The reply's move set is built once, not once per guard tried.
        let moves = detection.ids
        let guardFacts = GuardFacts(beyondAuthority: !gifts.isEmpty, asked: factsAsked(in: detection))
        func holds(_ transition: Scenario.Transition) -> Bool {
            transition.condition.holds(
                moves: moves, mood: mood, turn: number, path: path, interrupted: interrupted, reply: guardFacts)
        }
        // The customer's answer to a reply with no recognised move, if the scenario has one.
        let unclear = detection.moves.isEmpty ? current.unclear ?? scenario.unclear : nil
        var fired: TransitionRef?
        if let index = scenario.global.firstIndex(where: holds) {
            fired = .global(index: index)
        } else if let index = current.on.firstIndex(where: holds) {
            fired = .on(state: current.id, index: index)
        } else if current.fallback != nil, unclear == nil {
            fired = .fallback(state: current.id)
        }
        var target = state
        var transitionLine: Scenario.Line?
        if let transition = fired.flatMap({ scenario.transition($0) }) {
            fallbackStreak = 0
            apply(transition.effects)
            if let points = transition.points {
                // Quote the words that made the transition fire, not merely the first move.
                let named = transition.condition.all + transition.condition.allGroups.flatMap { $0 } + transition.condition.any
                let quote = detection.moves.first { named.contains($0.id) }?.evidence ?? text
                if let event = evaluator.scenarioPoints(points, state: state, turn: number, quote: quote) {
                    response.events.append(event)
                }
            }
            target = transition.goto ?? state
            if let ref = fired, let said = inTurn(transition.say, from: ref.description) {
                transitionLine = said
            }
            // A transition that stays and says nothing still answers: with the fallback's words, else the state's.
            if transitionLine == nil, target == state, let fallback = current.fallback {
                transitionLine = inTurn(fallback.say, from: TransitionRef.fallback(state: current.id).description)
            }
        } else if current.fallback != nil || unclear != nil {
            // Nothing fired: a move this state ignores, or a reply with no move at all. Either
            // way it did not move things on, so both count towards the fallback's limit; a reply
            // the customer could not place gets the `unclear:` words, not the ones for silence.
            fallbackStreak += 1
            if let fallback = current.fallback, let limit = fallback.limit, fallbackStreak > limit,
                let goto = fallback.goto
            {
                fallbackStreak = 0
                target = goto
            } else if let unclear {
                apply(unclear.effects)
                transitionLine = inTurn(unclear.say, from: current.unclear == nil ? "unclear" : "unclear in \(current.id)")
            } else if let fallback = current.fallback {
                apply(fallback.effects)
                transitionLine = inTurn(fallback.say, from: TransitionRef.fallback(state: current.id).description)
            }
        }
        if let moodEnding = moodEnding() { target = moodEnding }
        lines += enter(target, saying: transitionLine)
        if outcome != nil, let ending, let points = scenario.endings[ending]?.points,
            let event = evaluator.scenarioPoints(points, state: ending, turn: number, quote: text)
        {
            response.events.append(event)
        }
        if outcome == nil {
            lines.insert(contentsOf: answers(to: guardFacts.asked, before: lines), at: reactionsToInterrupting)
        }
        if outcome == nil, number >= scenario.turnLimit { finish(.timedOut, ending: nil) }
        for line in lines { evaluator.customerSaid(line.acts) }
        if outcome == nil, let last = lines.last { circuits.customerSpoke(last.acts, turn: number) }

        customerLines += lines
        heard(lines)
        response.customer = lines
        turns.append(
            TurnRecord(
                number: number, text: text, interrupted: interrupted, detection: detection, stateBefore: current.id,
                phase: current.phase, stateAfter: target, customer: lines, events: response.events,
                circuitStep: step, transition: fired, guardFacts: guardFacts))
        return response
    }

    /// What the rubric makes of a reply: its rules, and anything given beyond authority.
    private mutating func judge(
        _ detection: MoveDetection, gifts: [(label: String, quote: String)], turn: Int, phase: Scenario.Phase,
        acts: Scenario.CustomerAct
    ) -> [RuleEvent] {
        var events = evaluator.reply(
            .init(turn: turn, detection: detection, phase: phase, acts: acts, gaveAway: !gifts.isEmpty))
        for gift in gifts {
            events += evaluator.event(.beyondAuthority, turn: turn, quote: "\(gift.label): \(gift.quote)")
        }
        return events
    }

    /// The trainee's closing reply after the customer's last line: scored, never answered.
    private mutating func lastWord(_ text: String) -> Response {
        awaitingLastWord = false
        let number = turns.count + 1
        let detection = detector.detect(text, names: names)
        var response = Response(detection: detection)
        response.events = judge(
            detection, gifts: authority.gifts(in: detection.text), turn: number, phase: .closing, acts: [])
        turns.append(
            TurnRecord(
                number: number, text: text, interrupted: false, detection: detection, stateBefore: state,
                phase: .closing, stateAfter: state, customer: [], events: response.events, circuitStep: nil,
                transition: nil))
        return response
    }

    // MARK: - Other events

    private mutating func silence(_ seconds: Double) -> Response {
        var response = Response()
        guard let rule = scenario.silence, seconds >= rule.after else { return response }
        response.events = evaluator.event(.silence, turn: nil, quote: nil)
        sessionEvents += response.events
        apply(rule.effects)
        var lines: [CustomerLine] = []
        if let said = pick(rule.say) { lines.append(line(said, source: state, acts: [])) }
        if let moodEnding = moodEnding() { lines += enter(moodEnding, saying: nil) }
        customerLines += lines
        heard(lines)
        response.customer = lines
        return response
    }

    private mutating func note(_ text: String) -> Response {
        notes.append(text)
        var response = Response()
        let tokenizer = detector.lexicon.tokenizer
        let written = Set(words(tokenizer.tokenize(text)))
        for fact in scenario.customer.facts where !factsNoted.contains(fact.id) {
            // Each `accept` entry is one way of writing the fact; all of its words must be there.
            let ways = (fact.accept.isEmpty ? [fact.value] : fact.accept).map { words(tokenizer.tokenize($0)) }
            guard ways.contains(where: { !$0.isEmpty && $0.allSatisfy(written.contains) }) else { continue }
            factsNoted.append(fact.id)
            response.factsNoted.append(fact.label)
            // One event per fact, each named: three facts in one note are three credits, told apart.
            response.events += evaluator.event(.factNoted, turn: nil, quote: "\(fact.label): \(text)")
        }
        sessionEvents += response.events
        return response
    }

    /// The customer facts a reply asks for: it asks a question, and names one of the fact's
    /// `asked-by` phrases. Given or not: a guard's `asked:` reacts to the asking itself.
    private func factsAsked(in detection: MoveDetection) -> Set<String> {
        let asks = detection.moves.contains { $0.id == .question || $0.id == .leadingQuestion }
        guard asks, scenario.customer.facts.contains(where: { !$0.askedBy.isEmpty }) else { return [] }
        let tokenizer = detector.lexicon.tokenizer
        let asked = words(tokenizer.tokenize(detection.text))
        return Set(
            scenario.customer.facts.filter { fact in
                fact.askedBy.contains { Self.contains(asked, words(tokenizer.tokenize($0))) }
            }.map(\.id))
    }

    /// The customer's answers to a question asking for facts not given yet, unless `lines` give them anyway.
    ///
    /// A person asked for their meter reading reads it out, whatever else they say: without this the
    /// scenario's author would have to foresee the question in every state.
    private mutating func answers(to asked: Set<String>, before lines: [CustomerLine]) -> [CustomerLine] {
        guard !asked.isEmpty else { return [] }
        let tokenizer = detector.lexicon.tokenizer
        let upcoming = Set(lines.flatMap { words(tokenizer.tokenize($0.text)) })
        var answers: [CustomerLine] = []
        for fact in scenario.customer.facts where !factsGiven.contains(fact.id) && asked.contains(fact.id) {
            guard let answer = fact.answer else { continue }
            let ways = ([fact.value] + fact.accept).map { words(tokenizer.tokenize($0)) }
            if ways.contains(where: { !$0.isEmpty && $0.allSatisfy(upcoming.contains) }) { continue }
            answers.append(line(answer, source: state, acts: []))
            // Given once said, even if the answer words it differently from the value.
            factsGiven.insert(fact.id)
        }
        return answers
    }

    /// Whether `phrase` occurs in `text` as consecutive words.
    private static func contains(_ text: [String], _ phrase: [String]) -> Bool {
        guard !phrase.isEmpty, phrase.count <= text.count else { return false }
        return (0...(text.count - phrase.count)).contains { text[$0..<($0 + phrase.count)].elementsEqual(phrase) }
    }

    /// Notes which facts the customer's lines gave, in any of the ways a note may write them.
    private mutating func heard(_ lines: [CustomerLine]) {
        let tokenizer = detector.lexicon.tokenizer
        for line in lines {
            let said = Set(words(tokenizer.tokenize(line.text)))
            for fact in scenario.customer.facts where !factsGiven.contains(fact.id) {
                let ways = ([fact.value] + fact.accept).map { words(tokenizer.tokenize($0)) }
                if ways.contains(where: { !$0.isEmpty && $0.allSatisfy(said.contains) }) { factsGiven.insert(fact.id) }
            }
        }
    }

    private func words(_ text: TokenizedText) -> [String] {
        text.tokens.filter { $0.kind == .word }.map { text.foldedWord($0) }
    }

    private mutating func hint() -> Response {
        var response = Response()
        response.hint = scenario.states[state]?.hint
        response.events = evaluator.event(.hint, turn: nil)
        sessionEvents += response.events
        return response
    }

    // MARK: - Moving

    /// Moves to `target` and returns what the customer says on arriving.
    private mutating func enter(_ target: String, saying line: Scenario.Line?) -> [CustomerLine] {
        var lines: [CustomerLine] = []
        if let ending = scenario.endings[target] {
            if let line { lines.append(self.line(line, source: state, acts: [])) }
            path.append(target)
            state = target
            if let say = pick(ending.say) { lines.append(self.line(say, source: target, acts: [])) }
            finish(ending.outcome, ending: target)
            return lines
        }
        if target != state {
            path.append(target)
            fallbackStreak = 0
        }
        state = target
        let acts = scenario.states[target]?.acts ?? []
        lines.append(line.map { self.line($0, source: target, acts: acts) } ?? stateLine(target))
        return lines
    }

    private mutating func finish(_ outcome: Outcome, ending: String?) {
        self.outcome = outcome
        self.ending = ending
        awaitingLastWord = ending != nil && [.resolved, .escalated].contains(outcome)
        circuits.conversationEnded()
    }

    /// Ends the conversation early (the trainee quit, or the session closed). After the
    /// customer's last line it only gives up the last word: the outcome stands.
    public mutating func abandon() {
        guard !isOver else { return }
        if awaitingLastWord {
            awaitingLastWord = false
        } else {
            finish(.abandoned, ending: nil)
        }
    }

    private mutating func apply(_ effects: [Scenario.MoodEffect]) {
        mood = scenario.applying(effects, to: mood)
    }

    /// The ending a mood variable at its bound leads to, if any.
    private func moodEnding() -> String? {
        for variable in scenario.mood {
            let value = mood[variable.name] ?? variable.initial
            if value <= variable.min, let ending = variable.minEnding { return ending }
            if value >= variable.max, let ending = variable.maxEnding { return ending }
        }
        return nil
    }

    private mutating func stateLine(_ id: String) -> CustomerLine {
        let state = scenario.states[id]!
        return line(pick(state.say) ?? Scenario.Line(parts: []), source: id, acts: state.acts)
    }

    /// The variants that fit the conversation as it stands (``Scenario/sayable(_:mood:replies:path:)``).
    private func sayable(_ variants: [Scenario.Line]) -> [Scenario.Line] {
        scenario.sayable(variants, mood: mood, replies: repliesHeard, path: path)
    }

    /// One of the variants that fit, chosen by the seed.
    private mutating func pick(_ variants: [Scenario.Line]) -> Scenario.Line? {
        Self.pick(sayable(variants), generator: &generator)
    }

    private static func pick(_ fitting: [Scenario.Line], generator: inout SeededGenerator) -> Scenario.Line? {
        guard !fitting.isEmpty else { return nil }
        return fitting.count == 1 ? fitting[0] : fitting[generator.index(below: fitting.count)]
    }

    /// Where a line said in turn comes from, and which of its variants fit now. Each set of
    /// variants that fit keeps its own turn, so the first wording written for a mood is the
    /// first said in it, however often the plain one was said before.
    private struct Rotation: Hashable {
        var source: String
        var fitting: [Int]
    }

    /// The next of the variants that fit, in turn, so that a reaction repeated is not word
    /// for word the same.
    private mutating func inTurn(_ variants: [Scenario.Line], from source: String) -> Scenario.Line? {
        let fitting = scenario.sayableIndices(variants, mood: mood, replies: repliesHeard, path: path)
        guard !fitting.isEmpty else { return nil }
        let key = Rotation(source: source, fitting: fitting)
        let index = rotations[key, default: 0]
        rotations[key] = index + 1
        return variants[fitting[index % fitting.count]]
    }

    private func line(_ line: Scenario.Line, source: String, acts: Scenario.CustomerAct) -> CustomerLine {
        Self.line(line, source: source, acts: acts, customer: scenario.customer)
    }

    private static func line(
        _ line: Scenario.Line, source: String, acts: Scenario.CustomerAct, customer: Scenario.Customer
    ) -> CustomerLine {
        CustomerLine(source: source, parts: line.filled(customer: customer).parts, acts: acts)
    }

    // MARK: - Scoring

    /// The scorecard as things stand (for `/score`), or final once the conversation is over.
    public func scorecard() -> Scorecard {
        let finalOutcome = outcome ?? .abandoned
        let final = evaluator.finish(
            outcome: finalOutcome, circuitsCompleted: circuits.completed.count, factsNoted: factsNoted.count,
            factsAvailable: factsGiven.union(factsNoted).count)
        let events = turns.flatMap(\.events) + sessionEvents + final.events
        let scored = Scoring.categories(
            events: events, possible: final.possible, rubric: evaluator.rubric, kind: scenario.kind)
        let ceiling = Scoring.ceiling(events: events, rubric: evaluator.rubric).flatMap {
            $0.limit < scored.overall ? $0 : nil
        }
        var card = Scorecard(
            scenarioId: scenario.id, scenarioTitle: scenario.title, scenarioKind: scenario.kind,
            scenarioVersion: scenario.contentHash, rubricVersion: evaluator.rubric.version,
            language: scenario.language, seed: seed, trainee: trainee, outcome: finalOutcome, ending: ending,
            score: ceiling?.limit ?? scored.overall, categories: scored.categories, events: events, turns: turns,
            path: path,
            circuits: .init(
                completed: circuits.completed.count, completedAt: circuits.completed, broken: circuits.broken),
            notes: notes, factsNoted: factsNoted)
        card.ceiling = ceiling
        return card
    }
}
