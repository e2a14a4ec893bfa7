/// Lexicon hygiene beyond "every example matches, no counter-example does" (``LexiconCheck``):
/// examples whose words are read as two moves that the rubric scores in opposite ways.
public enum LexiconLint {
    /// Moves that are scored against each other: when the *same words* are read as both,
    /// the lexicon must say which wins (`suppresses`), or one of them gets the trainee
    /// credit or blame the words do not deserve.
    ///
    /// - a hostile move (dismiss, contradict, sarcasm, rudeness, personal) against any
    ///   move the rubric credits: "Oh great, thanks a lot" must not earn `thanks`;
    /// - near neighbours that the guidelines tell apart: empathy or apology ("sorry to
    ///   hear that", G1/G27), a plan, a deadline, a follow-up or updates against a vague
    ///   promise (G18, G31), a cause against an excuse (G29/G30), a referral or an
    ///   escalation against deflecting (G21/G26), an exception against a boundary (G23/G33).
    ///
    /// `shouting` (a way of writing, not of meaning), `question` (a "?" quotes its whole
    /// sentence), `name` and `bare-demand` combine with anything and are left out.
    public static func conflicts(_ a: MoveID, _ b: MoveID) -> Bool {
        if a == b { return false }
        if hostile.contains(a) && credited.contains(b) || hostile.contains(b) && credited.contains(a) { return true }
        return neighbours.contains { $0 == (a, b) || $0 == (b, a) }
    }

    static let hostile: Set<MoveID> = MoveID.hostile.subtracting([.shouting])

    static let credited: Set<MoveID> = [
        .greeting, .thanks, .please, .paraphrase, .empathy, .apology, .plan, .deadline, .cause, .amends, .followUp,
        .keepInformed, .exception, .referral, .escalate, .boundary, .limit, .leadingQuestion, .positiveClose,
    ]

    /// Moves that read alike and rarely both hold. Referral and deflect are not among them:
    /// pointing to another company while pushing the problem away ("complain to the council,
    /// it's their road") is both, and the labelling conventions allow deflect on a referral.
    static let neighbours: [(MoveID, MoveID)] = [
        (.empathy, .apology), (.plan, .vague), (.deadline, .vague), (.followUp, .vague), (.keepInformed, .vague),
        (.cause, .excuse), (.escalate, .deflect), (.exception, .boundary),
        (.limit, .amends),
    ]

    /// `LEX-CONFLICT` warnings: an example of one move whose evidence is also read as a
    /// conflicting move, with no `suppresses` between the two.
    public static func check(_ lexicon: Lexicon) -> [Diagnostic] {
        let detector = MoveDetector(lexicon: lexicon)
        var diagnostics: [Diagnostic] = []
        for move in MoveID.allCases {
            guard let entry = lexicon.moves[move] else { continue }
            let names = detector.customerNames(entry.customer)
            for example in entry.examples {
                let detection = detector.detect(example.text, names: names)
                guard let own = detection.move(move) else { continue }
                for other in detection.moves where conflicts(move, other.id) {
                    guard other.start < own.end, own.start < other.end else { continue }
                    let otherEntry = lexicon.moves[other.id]
                    let declared =
                        entry.suppresses.contains(other.id) || entry.clauseSuppresses.contains(other.id)
                        || otherEntry?.suppresses.contains(move) == true
                        || otherEntry?.clauseSuppresses.contains(move) == true
                    if declared { continue }
                    diagnostics.append(
                        Diagnostic(
                            .warning, "LEX-CONFLICT",
                            "this example of '\(move.rawValue)' is also read as '\(other.id.rawValue)' (\"\(other.evidence)\", \(other.source.description)); say which wins with `suppresses: [\(other.id.rawValue)]` under '\(move.rawValue)' (or the reverse), or add an `except` to '\(other.id.rawValue)'",
                            at: example.location))
                }
            }
        }
        return diagnostics
    }
}
