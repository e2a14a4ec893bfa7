import Testing

@testable import CoachKit

/// Classes of natural replies that the shipped English detector must read
/// correctly. It is a fairness matter: the trainee is scored on the skill,
/// not on whether they hit the lexicon's exact wording.
///
/// Each row is (text, must-include, must-exclude). An include entry written
/// as "a|b" is met when any one of its alternatives is found. The rows assert
/// only what the labelling conventions of `eval-data/AGENT-MOVES.md` say, and
/// they leave the moves those conventions call arguable alone.
@Suite struct RecognitionClassTests {
    let detector = Fixtures.detector("en")!

    /// The move ids the shipped English detector finds in `text`.
    func found(_ text: String, customer: [String] = []) -> Set<String> {
        Set(detector.detect(text, names: detector.customerNames(customer)).idList)
    }

    /// Whether `found` holds at least one of `alternatives`.
    func anyOf(_ alternatives: [String], in found: Set<String>) -> Bool {
        alternatives.contains(where: found.contains)
    }

    /// Checks one row. Every include entry must be found: an entry "a|b"
    /// counts as found if any alternative is. None of the exclude ids may be found.
    func check(
        _ text: String, include: [String], exclude: [String], customer: [String] = [],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let moves = found(text, customer: customer)
        for entry in include {
            let alternatives = entry.split(separator: "|").map(String.init)
            for id in alternatives {
                #expect(MoveID(rawValue: id) != nil, "unknown move id \(id)", sourceLocation: sourceLocation)
            }
            #expect(
                anyOf(alternatives, in: moves), "\(text): expected \(entry), found \(moves.sorted())",
                sourceLocation: sourceLocation)
        }
        for id in exclude {
            #expect(MoveID(rawValue: id) != nil, "unknown move id \(id)", sourceLocation: sourceLocation)
            #expect(!moves.contains(id), "\(text): unexpected \(id), found \(moves.sorted())", sourceLocation: sourceLocation)
        }
    }

    // MARK: - Limits and refusals (G17, G20, G33)

    @Test(arguments: [
        ("I can't give away a free phone.", ["limit"], ["amends"]),
        ("That's not something I'm able to do.", ["limit"], ["amends"]),
        ("I'm afraid I can't offer that.", ["limit"], ["amends"]),
        ("That's beyond what I can authorise.", ["limit"], ["amends"]),
        ("I'm not able to make penalty payments.", ["limit"], ["amends"]),
        ("Free months aren't within what I'm allowed to give", ["limit"], ["amends"]),
        ("I can't discount the price or give a free case", ["limit"], ["amends"]),
        ("any compensation is decided there", [], ["amends"]),
        ("sorry, i cant refund you for that one", ["limit"], ["amends"]),
        ("unfortunately im not allowed to hand out vouchers", ["limit"], ["amends"]),
        ("i wont be able to waive the cancellation fee im afraid", ["limit"], ["amends"]),
        ("A full refund isnt something I can authorize on a used item", ["limit"], ["amends"]),
        ("theres no way i can upgrade you for free, but i can move you to an earlier flight", ["limit"], ["amends"]),
        ("Im unable to offer compensaton for the delay", ["limit"], ["amends"]),
        ("i cant knock anything off the bill or throw in free delivery", ["limit"], ["amends"]),
    ] as [(String, [String], [String])])
    func refusalsAreLimitsNotAmends(text: String, include: [String], exclude: [String]) {
        check(text, include: include, exclude: exclude)
    }

    // MARK: - Conditional warnings versus real hand-overs

    @Test(arguments: [
        ("If the personal remarks continue, I'll hand the call to my team leader", ["boundary"], ["escalate"]),
        ("I'm putting you through to my team leader now", ["escalate"], []),
        ("if you keep swearing at me ill have to pass this to my supervisor", ["boundary"], ["escalate"]),
        ("One more insult and I'm transferring you to my manager", ["boundary"], ["escalate"]),
        ("unless the name calling stops, i'll be getting my supervisor on the line", ["boundary"], ["escalate"]),
        ("Should the threats carry on, I will pass the call to a senior colleague", ["boundary"], ["escalate"]),
        ("let me transfer you to my supervisor, one moment", ["escalate"], []),
        ("ok im getting my manager for you now", ["escalate"], []),
        ("I've asked a senior colleague to take over your case", ["escalate"], []),
    ] as [(String, [String], [String])])
    func conditionalWarningsAreBoundariesNotEscalations(text: String, include: [String], exclude: [String]) {
        check(text, include: include, exclude: exclude)
    }

    // MARK: - Questions as people type them

    @Test(arguments: [
        ("whats the order number", ["question"], []),
        ("ok fine what happened", ["question"], []),
        ("Can you read it for me?", ["question"], []),
        ("Shall I log it for you now?", ["question|leading-question"], []),
        ("Is 3 o'clock good for you?", ["question|leading-question"], []),
        ("what time did the engineer turn up", ["question"], []),
        ("which address did you have it sent to", ["question"], []),
        ("when did u first notice the charge?", ["question"], []),
        ("how long has the boiler been making that noise", ["question"], []),
        ("did the courier leave a card or anything", ["question"], []),
        ("can you tell me the last four digits of the card", ["question"], []),
        ("would tuesday morning suit you", ["question|leading-question"], []),
        ("shall i send the replacement out today?", ["question|leading-question"], []),
        ("does that sound ok to you", ["question|leading-question"], []),
        ("want me to set that up for you now?", ["question|leading-question"], []),
    ] as [(String, [String], [String])])
    func typedQuestionsAreQuestions(text: String, include: [String], exclude: [String]) {
        check(text, include: include, exclude: exclude)
    }

    @Test(arguments: [
        ("are you serious??", [], ["question"]),
        ("Excuse me??", [], ["question"]),
        ("are you stupid or something", [], ["question"]),
        ("do you even listen to what youre saying", [], ["question"]),
        ("what is wrong with you people", [], ["question"]),
        ("are you deaf or what", [], ["question"]),
        ("seriously how hard is it to read an email", [], ["question"]),
    ] as [(String, [String], [String])])
    func rudeQuestionsAreNotInformationQuestions(text: String, include: [String], exclude: [String]) {
        check(text, include: include, exclude: exclude)
    }

    // MARK: - Real typing: apostrophes, hyphens, lower case, typos

    @Test(arguments: [
        ("ill give you a refund", ["amends"], []),
        ("its the couriers fault", ["cause|deflect"], []),
        ("dont worry ill call them today", ["plan", "deadline"], []),
        ("whats your postcode", ["question"], []),
        ("I'm re-issuing the parcel today", ["plan"], []),
        ("i apologise for the inconvenence", ["apology"], []),
        ("I completly understand how frustrating this is", ["empathy"], []),
        ("im really sorry about all this", ["apology"], []),
        ("ill reissue the parcel first thing tomorrow", ["plan", "deadline"], []),
        ("i'll email you the returns lable in 5 mins", ["plan", "deadline"], []),
        ("we wont charge you for the re-delivery", ["amends"], []),
        ("can u confirm the acount number for me", ["question"], []),
        ("thank you for your patiance", ["thanks"], []),
        ("i sincerly apologise for the mix up", ["apology"], []),
        ("ill get a replacment out to you today", ["amends", "deadline"], []),
        ("I'll re-book the engineer for Thursday morning", ["plan", "deadline"], []),
    ] as [(String, [String], [String])])
    func everydayTypingIsReadLikeCarefulTyping(text: String, include: [String], exclude: [String]) {
        check(text, include: include, exclude: exclude)
    }

    // MARK: - Follow-up, keep-informed, positive close, amends in natural words

    @Test(arguments: [
        ("I'll call you personally on Thursday as soon as I hear back", ["follow-up|keep-informed", "deadline"], []),
        ("I'll ring you on Friday to check the new one arrived", ["follow-up", "deadline"], []),
        ("enjoy the new phone!", ["positive-close"], []),
        ("I hope your daughter loves the telescope!", ["positive-close"], []),
        ("I'm sending you a new telescope by express courier", ["amends"], []),
        ("ill give you a ring tomorrow afternoon to make sure its all working", ["follow-up", "deadline"], []),
        ("I'll check back with you next week to see if the router is behaving", ["follow-up", "deadline"], []),
        ("we'll text you as soon as the engineer is on his way", ["keep-informed"], []),
        ("i'll keep you updated on how the claim is going", ["keep-informed"], []),
        ("I'll drop you an email whenever there's news on the repair", ["keep-informed"], []),
        ("have a lovely evening and enjoy the concert", ["positive-close"], []),
        ("brilliant, you're all set then!", ["positive-close"], []),
        ("hope the rest of your trip goes smoothly", ["positive-close"], []),
        ("I'm popping a £20 voucher in the post for you", ["amends"], []),
        ("we'll knock 15% off your next bill for the trouble", ["amends"], []),
        ("we're refunding the delivery charge in full", ["amends"], []),
        ("ill send a brand new one out free of charge", ["amends"], []),
    ] as [(String, [String], [String])])
    func followUpsClosesAndAmendsInNaturalWords(text: String, include: [String], exclude: [String]) {
        check(text, include: include, exclude: exclude)
    }

    // MARK: - Sarcasm and dismissal without rude words

    @Test(arguments: [
        ("oh sure, because everyone is out to get you, right? lol", ["sarcasm|dismiss|rudeness|contradict|deflect"], []),
        ("see if I care", ["sarcasm|dismiss|rudeness|contradict|deflect"], []),
        ("whatever you say, your majesty", ["sarcasm|dismiss|rudeness|contradict|deflect"], []),
        ("you people are never happy", ["sarcasm|dismiss|rudeness|contradict|deflect"], []),
        ("as far as we're concerned it was delivered", ["sarcasm|dismiss|rudeness|contradict|deflect"], []),
        ("well aren't you a ray of sunshine today", ["sarcasm|dismiss|rudeness|contradict|deflect"], []),
        ("yeah yeah, and im the queen of england", ["sarcasm|dismiss|rudeness|contradict|deflect"], []),
        ("its a few days late, hardly the end of the world", ["sarcasm|dismiss|rudeness|contradict|deflect"], []),
        ("some people would be grateful they got it at all", ["sarcasm|dismiss|rudeness|contradict|deflect"], []),
        ("not our problem if you gave the wrong address", ["sarcasm|dismiss|rudeness|contradict|deflect"], []),
        ("i did exactly what you asked so dont go blaming me", ["sarcasm|dismiss|rudeness|contradict|deflect"], []),
        ("sure, and i suppose the parcel walked off by itself", ["sarcasm|dismiss|rudeness|contradict|deflect"], []),
    ] as [(String, [String], [String])])
    func hostilityWithoutRudeWordsIsNotMissed(text: String, include: [String], exclude: [String]) {
        #expect(!found(text).isEmpty, "\(text): no move found")
        check(text, include: include, exclude: exclude)
    }

    // MARK: - False hits

    @Test(arguments: [
        ("it dies by lunchtime", [], ["deadline"]),
        ("handed over on Monday afternoon", [], ["deadline"]),
        ("the battery died around midnight", [], ["deadline"]),
        ("your contract ends on the 30th of June", [], ["deadline"]),
        ("we're open till 6 on weekdays", [], ["deadline"]),
        ("the screen freezes every morning", [], ["deadline"]),
        ("it was meant to arrive by Friday", [], ["deadline"]),
        ("the bank usually takes three working days to clear it", [], ["deadline"]),
    ] as [(String, [String], [String])])
    func pastAndProblemTimesAreNotDeadlines(text: String, include: [String], exclude: [String]) {
        check(text, include: include, exclude: exclude)
    }

    @Test(arguments: [
        ("I'll keep doing that", [], ["plan"]),
        ("as far as I can go", [], ["plan"]),
        ("I'll give you 50 euros if you just calm down", [], ["plan"]),
        ("ill keep trying my best", [], ["plan"]),
        ("thats as much as I can do", [], ["plan"]),
        ("I'll be honest with you", [], ["plan"]),
        ("I'll be here all day", [], ["plan"]),
        ("i'll pay you twenty quid to stop shouting", [], ["plan"]),
    ] as [(String, [String], [String])])
    func habitsLimitsAndBribesAreNotPlans(text: String, include: [String], exclude: [String]) {
        check(text, include: include, exclude: exclude)
    }

    @Test(arguments: [
        ("//shrug I don't know", [], ["vague"]),
        ("they'll apologise", [], ["apology"]),
        ("better safe than sorry", [], ["apology"]),
        ("no idea tbh", [], ["vague"]),
        ("im not sure which depot its at", [], ["vague"]),
        ("the courier will say sorry to you directly", [], ["apology"]),
        ("you've nothing to apologise for", [], ["apology"]),
        ("the driver should be the one apologising", [], ["apology"]),
        ("I'd rather be safe than sorry with your card details", [], ["apology"]),
    ] as [(String, [String], [String])])
    func shrugsAndOtherPeoplesSorriesAreNotVagueOrApologies(text: String, include: [String], exclude: [String]) {
        check(text, include: include, exclude: exclude)
    }

    @Test(arguments: [
        ("that must have been terrifying", ["empathy"], []),
        ("what a nightmare", ["empathy"], []),
        ("that sucks", ["empathy"], []),
        ("that sounds really stressful", ["empathy"], []),
        ("oh no, what an awful start to your holiday", ["empathy"], []),
        ("i can imagine how worrying that was", ["empathy"], []),
        ("how upsetting for you", ["empathy"], []),
        ("ugh thats so annoying", ["empathy"], []),
        ("that must have been such a shock", ["empathy"], []),
        ("what a horrible experience", ["empathy"], []),
    ] as [(String, [String], [String])])
    func broadFeelingsVocabularyIsEmpathy(text: String, include: [String], exclude: [String]) {
        check(text, include: include, exclude: exclude)
    }

    // MARK: - The customer's words said back, and refusals in short

    /// A refusal said the way people say it, and the customer's own claim or the
    /// documents named in passing: none of them is an offer, an argument or an insult.
    @Test(arguments: [
        ("we're not paying out a penalty, Mr Hale", ["limit"], ["amends"]),
        ("im not giving you 300 euros", ["limit"], ["amends"]),
        ("a payout isn't going to happen today", ["limit"], ["amends"]),
        ("No, that won't happen.", ["limit"], []),
        ("the refund that isn't happening is the old one", [], ["limit"]),
        ("I'm not giving up on your case", [], ["limit"]),
        ("you could pay it in instalments at no extra cost", [], ["amends"]),
        ("so you want compensation for the stress, is that right", [], ["amends"]),
        ("if you believe you're due compensation, the complaint is the place", [], ["amends"]),
        ("the panel will look at the compensation question", [], ["amends"]),
        ("compensation is assessed by the complaints team, not by me", [], ["amends", "deflect"]),
        ("I'll send you a replacement at no extra charge", ["amends"], []),
        ("the invoice you got last week is the one I mean", [], ["contradict"]),
        ("our records show you signed for it", ["contradict"], []),
        ("send the photo so the reading is right", [], ["contradict"]),
        ("nobody is treating you like a fool here", [], ["rudeness"]),
        ("check the date, in case the letter is a week or two old", [], ["vague"]),
        ("it could take a week or so", ["vague"], []),
        // A reference read out is not a raised voice; capitals in words still are.
        ("Your ticket is QX-20417 and the refund is RF-88 2B.", [], ["shouting"]),
        ("I TOLD YOU NO-ONE HERE CAN DO THAT", ["shouting"], []),
    ] as [(String, [String], [String])])
    func theCustomersWordsSaidBackAreNotMoves(text: String, include: [String], exclude: [String]) {
        check(text, include: include, exclude: exclude)
    }
}
