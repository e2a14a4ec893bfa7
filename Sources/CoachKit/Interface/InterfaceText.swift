/// The keys of coach's own texts (``InterfaceCatalogue``). Every key has an English text
/// in `interface/en.yaml`; a test holds each shipped catalogue to the full list.
public enum InterfaceText: String, Sendable, CaseIterable {
    // The session: header, labels, prompts.
    case headerMeta = "header.meta"
    case headerAuthority = "header.authority"
    case labelCustomer = "label.customer"
    case labelYou = "label.you"
    case promptYou = "prompt.you"
    case promptCustomerSpeaking = "prompt.customer-speaking"
    case sessionStart = "session.start"
    case sessionNotRecorded = "session.not-recorded"
    case sessionLastWord = "session.last-word"
    case sessionUntranslated = "session.untranslated"

    // Slash commands, as /help lists them.
    case commandHelp = "command.help"
    case commandHint = "command.hint"
    case commandNoteArgument = "command.note.argument"
    case commandNote = "command.note"
    case commandNotes = "command.notes"
    case commandWhy = "command.why"
    case commandScore = "command.score"
    case commandRestart = "command.restart"
    case commandQuit = "command.quit"

    // What the slash commands answer.
    case noted = "coaching.noted"
    case noNotes = "coaching.no-notes"
    case hint = "coaching.hint"
    case hintCost = "coaching.hint-cost"
    case noHint = "coaching.no-hint"
    case noReplyYet = "coaching.no-reply"
    case restarted = "coaching.restarted"
    case unknownCommand = "coaching.unknown-command"
    case unknownCommandSuggestion = "coaching.unknown-command-suggestion"
    case runningScore = "coaching.running-score"

    // /why.
    case whyReply = "why.reply"
    case whyNothing = "why.nothing"
    case whyMove = "why.move"
    case whyNot = "why.not"
    case whyNegated = "why.negated"
    case whyExcepted = "why.excepted"
    case whySuppressed = "why.suppressed"
    case whyClauseHas = "why.clause-has"
    case whyClauseLacks = "why.clause-lacks"
    case whyTypo = "why.typo"
    case whyCourtesy = "why.courtesy"
    case whyCircuitStep = "why.circuit-step"

    // The scorecard.
    case scorecardHeading = "scorecard.heading"
    case scorecardOutcome = "scorecard.outcome"
    case scorecardCeiling = "scorecard.ceiling"
    case scorecardNotScored = "scorecard.not-scored"
    case scorecardWentWell = "scorecard.went-well"
    case scorecardToImprove = "scorecard.to-improve"
    case scorecardTry = "scorecard.try"
    case scorecardCredit = "scorecard.credit"
    case scorecardFault = "scorecard.fault"
    case scorecardReply = "scorecard.reply"
    case scorecardReplyQuote = "scorecard.reply-quote"
    case scorecardQuote = "scorecard.quote"
    case scorecardCircuits = "scorecard.circuits"
    case scorecardCircuitsEnding = "scorecard.circuits-ending"
    case scorecardCircuitBroken = "scorecard.circuit-broken"

    // Texts the engine writes into a scorecard.
    case outcomeEvent = "engine.outcome"
    case circuitHostileAnswer = "circuit.hostile-answer"
    case circuitUnclearAnswer = "circuit.unclear-answer"
    case circuitNoStatement = "circuit.no-statement"
    case circuitHostileQuestion = "circuit.hostile-question"
    case circuitNoYesQuestion = "circuit.no-yes-question"
    case circuitHostileClose = "circuit.hostile-close"
    case circuitNoClose = "circuit.no-close"
    case circuitNoYes = "circuit.no-yes"
    case circuitNoQuestionBeforeNext = "circuit.no-question-before-next"

    // Choosing a scenario in the terminal.
    case pickerChoose = "picker.choose"
    case pickerPrompt = "picker.prompt"
    case pickerNoSuch = "picker.no-such"
}
