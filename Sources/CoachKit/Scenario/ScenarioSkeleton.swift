/// A commented starting point for a new scenario of each kind: `coach new --kind KIND ID`.
///
/// Each skeleton is a small, complete scenario in English that lints clean against
/// the shipped rubric and lexicon and passes its own sample tests, so a trainer
/// starts from something that works and changes one thing at a time.
public enum ScenarioSkeleton {
    /// The skeleton's text for `kind`, with `id` as its id.
    public static func text(kind: Scenario.Kind, id: String) -> String {
        header(kind: kind, id: id) + body(kind)
    }

    static func header(kind: Scenario.Kind, id: String) -> String {
        """
        # yaml-language-server: $schema=schema/scenario.schema.json
        # A new \(kind.rawValue) scenario, made by `coach new --kind \(kind.rawValue) \(id)`.
        # The format is explained in docs/authoring.md. Work in small steps:
        #   coach lint \(id).yaml                      precise errors while you edit
        #   coach graph \(id).yaml | dot -Tsvg > \(id).svg   see the state machine
        #   coach test --uncovered \(id).yaml           run the tests below, see what they miss
        # Replace the example customer, lines and tests with your own.
        id: \(id)

        """
    }

    static func body(_ kind: Scenario.Kind) -> String {
        switch kind {
        case .genuineGrievance: genuineGrievance
        case .overlyDemanding: overlyDemanding
        case .provocateur: provocateur
        }
    }

    static let genuineGrievance = """
        title: The order that arrived broken
        kind: genuine-grievance              # provocateur | overly-demanding | genuine-grievance
        difficulty: 1                        # 1 (gentle) to 3 (hard)
        language: en                         # the lexicon that recognises the trainee's moves
        turn-limit: 12                       # the conversation times out after this many replies
        briefing: |                          # what the trainee reads before the customer speaks
          You answer the customer line of an online shop. Mr Taylor's order arrived broken.
          The fault is ours: find out what happened, then put it right.
        authority:                           # what the trainee may do (G17)
          - Send a replacement by express courier (delivered the next day)
          - Refund the order in full

        customer:
          names: [Sam Taylor, Mr Taylor]     # every form the trainee may use (the `name` move)
          persona: Polite but disappointed; the lamp was a present.
          facts:                             # details a good agent notes with /note (G5)
            - id: order
              label: order number
              value: AB-12345
              accept: ["12345"]              # each entry is one way of writing it

        mood:                                # numbers the engine keeps, 0..100 by default
          anger: {initial: 50, max-ending: walked-out}   # reaching 100 ends the call there
          trust: {initial: 30}

        start: complaint

        states:
          complaint:
            phase: opening                   # opening | listening | resolving | closing
            say:                             # one variant is picked by the seed
              - - "Hello. My order came this morning and the lamp inside is broken."   # a line in parts
                - "It was a present for my mother, and her birthday is on Sunday."
            hint: Ask what happened before you promise anything (G2).
            on:                              # tried in order: the first whose `if` holds fires
              - if: {any: [dismiss, sarcasm, contradict, personal]}
                mood: {anger: +20, trust: -10}
                say: "Excuse me? I am only telling you what happened."   # said instead; no goto: stay
              - if: {any: [question, paraphrase], none: [vague]}
                mood: {anger: -10, trust: +10}
                points: {value: 3, category: listening, because: "Asked before acting", guidelines: [G2]}
                goto: details
            fallback:                        # when nothing fires
              say: ["Are you going to ask me anything about it?"]
              mood: {anger: +10}
              limit: 2                       # the third miss in a row goes to `goto`
              goto: walked-out

          details:
            phase: listening
            say:
              - if: {mood: {anger: ">= 70"}}   # the wording for a mood: said instead while it holds
                say: "AB-12345. The glass is in pieces. Now what are you going to do about it?"
              - - "The order number is AB-12345. The box was crushed and the glass is in pieces."
                - "So what are you going to do about it?"
            hint: Say what you will do and by when (G18).
            on:
              - if: {any: [dismiss, sarcasm, contradict, personal, deflect]}
                mood: {anger: +20, trust: -10}
                say: "That is not my problem. I paid for a lamp that works."
              - if: {all: [plan, deadline], none: [vague]}
                mood: {anger: -15, trust: +15}
                points: {value: 4, category: resolution, because: "A plan with a time", guidelines: [G18]}
                goto: closing
              - if: {any: [escalate]}
                goto: escalated
              - if: {any: [plan, amends, empathy, apology]}
                mood: {trust: +5}
                say: "Thank you. And when will that be? Her birthday is on Sunday."
            fallback:
              say: ["And? What happens now?"]
              mood: {anger: +10}
              limit: 3
              goto: walked-out

          closing:
            phase: closing
            say:
              - - "Good. That will do nicely."
                - "Is there anything else you need from me?"
            hint: Thank him, and close on a positive note (G25, G41).
            on:
              - if: {any: [positive-close, thanks, apology], mood: {trust: ">= 40"}}
                goto: resolved
              - if: {any: [positive-close, thanks, apology]}
                mood: {trust: +10}
                say: "Well, I hope it works out this time. Is that everything?"
            fallback:
              say: ["Is that everything?"]
              limit: 2
              goto: resolved

        unclear:                             # a reply with no move the lexicon knows: not silence
          say: ["Sorry, what do you mean?", "I am not sure what you are telling me."]
          mood: {anger: +5}

        global:                              # tried before the state's own, in every state
          - if: {any: [rudeness, shouting]}
            mood: {anger: +35}
            say: "Please do not speak to me like that."

        endings:
          resolved:
            outcome: resolved                # resolved | escalated | customer-lost | timed-out | abandoned | completed
            say: "Thank you. That is all I wanted."
          escalated:
            outcome: escalated
            say: "Fine. Put me through to them."
          walked-out:
            outcome: customer-lost
            say: "Forget it. I will never order from you again."

        tests:                               # `coach test` plays these replies and checks the result
          - name: strong trainee
            replies:
              - "Good morning, Mr Taylor. Could you tell me what happened with the order?"
              - {note: "order AB-12345"}             # a /note: noting the customer's details earns points
              - "So the lamp arrived broken, just before your mother's birthday, is that right? I can see why you're upset."
              - "I'm sorry about that. The courier dropped the parcel, which is why it broke. I'm sending you a new lamp by express courier today, you'll have it tomorrow, and I'll refund the delivery fee as well. Would that work for you?"
              - "I'll call you tomorrow afternoon to make sure it arrived. Thank you for letting us know, Mr Taylor. Great, then that's settled."
            expect:
              ending: resolved
              score: {min: 80}
              path: [complaint, details, closing, resolved]   # the states, each time it changes
              moves: {1: [greeting, name, question], 2: [paraphrase, empathy]}   # at least these, per reply
          - name: weak trainee
            replies:
              - "Calm down, it's only a lamp."
              - "That's not my department."
              - "You're overreacting, it's only a lamp."
            expect:
              ending: walked-out
              score: {max: 40}

        """

    static let overlyDemanding = """
        title: The customer who wants it all for free
        kind: overly-demanding               # provocateur | overly-demanding | genuine-grievance
        difficulty: 1                        # 1 (gentle) to 3 (hard)
        language: en                         # the lexicon that recognises the trainee's moves
        turn-limit: 12                       # the conversation times out after this many replies
        briefing: |                          # what the trainee reads before the customer speaks
          You work at the counter of a phone shop. Mr Taylor wants a new phone today, for free.
          Find out what he needs, say your limits kindly, and offer what you honestly can.
        authority:                           # what the trainee may do (G17)
          - Upgrade him early, on the standard price
          - Waive the upgrade fee once, as an exception
          - No free phones (the shop manager decides those)
        beyond-authority:                    # what he may not be given: offering it is a fault (G17, G33)
          - label: a free phone
            words: [free phone, phone for free, free handset]

        customer:
          names: [Sam Taylor, Mr Taylor]     # every form the trainee may use (the `name` move)
          persona: Loud rather than rude; asks for more each time he gets something.
          facts:                             # details a good agent notes with /note (G5)
            - id: account
              label: account number
              value: AC-55012
              accept: ["55012"]              # each entry is one way of writing it

        mood:                                # numbers the engine keeps, 0..100 by default
          anger: {initial: 40, max-ending: stormed-out}   # reaching 100 ends the conversation there
          appetite: {initial: 30}            # how much more he will ask for

        start: demand

        states:
          demand:
            phase: opening                   # opening | listening | resolving | closing
            demands: true                    # the line demands something (G20; rubric rules react to it)
            say:                             # one variant is picked by the seed
              - - "Right. I have been with you six years, and I want the new phone today."   # a line in parts
                - "For free. Otherwise I am taking my number somewhere else."
            hint: Don't give anything yet; ask what is behind the demand (G2, G20).
            on:                              # tried in order: the first whose `if` holds fires
              - if: {any: [dismiss, sarcasm, contradict, personal, deflect]}
                mood: {anger: +20}
                say: "Don't get clever with me. Six years I have paid you."   # said instead; no goto: stay
              - if: {any: [amends, exception]}
                mood: {appetite: +30}
                say: "See? That was easy. Now, what else can you give me?"
              - if: {any: [question, paraphrase], none: [vague]}
                mood: {anger: -10}
                points: {value: 3, category: listening, because: "Asked what he needs", guidelines: [G2]}
                goto: needs
            fallback:                        # when nothing fires
              say: ["Well? Free phone, yes or no?"]
              mood: {anger: +10}
              limit: 2                       # the third miss in a row goes to `goto`
              goto: stormed-out

          needs:
            phase: listening
            demands: true                    # rubric rules on setting limits react to a demand
            say:
              - - "The battery on this one is dead by lunchtime, and I run my business from it."
                - "After six years, I expect a free phone. So what are you going to do for me?"
            hint: Say plainly what you can and cannot do, then offer what you can (G17, G23, G33).
            on:
              - if: {any: [dismiss, sarcasm, contradict, personal, deflect]}
                mood: {anger: +20}
                say: "Charming. I tell you my business needs it and that is what I get?"
              - if: {any: [limit, boundary, exception, leading-question], none: [vague], mood: {appetite: "< 60"}}
                mood: {anger: -10, appetite: -10}
                points: {value: 4, category: control, because: "Said what is possible, kindly and clearly", guidelines: [G17, G33]}
                goto: accepts
              - if: {any: [amends]}
                mood: {appetite: +20}
                say: "That is a start. And three free months on top, like my neighbour got?"
              - if: {any: [escalate]}
                goto: escalated
              - if: {any: [question, paraphrase, empathy, apology]}
                say: "Yes, that is it exactly. So what can you do for me?"
            fallback:
              say: ["I am waiting."]
              mood: {anger: +10}
              limit: 3
              goto: stormed-out

          accepts:
            phase: closing
            say:
              - - "Fine. Go on, then, let us do what you said."
                - "When can I have it?"
            hint: Confirm what happens and when, and close positively (G18, G41).
            on:
              - if: {any: [amends, exception]}
                mood: {appetite: +20}
                say: "Ooh, more? In that case, what else have you got?"
              - if: {any: [positive-close, plan, deadline, thanks], none: [vague]}
                goto: resolved
            fallback:
              say: ["Fine, but when can I have it?"]
              limit: 2
              goto: resolved

        unclear:                             # a reply with no move the lexicon knows: not silence
          say: ["You what? Free phone, yes or no?", "Say it straight, I have not got all day."]
          mood: {anger: +5}

        global:                              # tried before the state's own, in every state
          - if: {any: [rudeness, shouting]}
            mood: {anger: +35}
            say: "Oi. Don't you speak to me like that."

        endings:
          resolved:
            outcome: resolved                # resolved | escalated | customer-lost | timed-out | abandoned | completed
            say: "Right. Fair enough. Six years and counting, then."
          escalated:
            outcome: escalated
            say: "Fine. Get me someone who can decide things."
          stormed-out:
            outcome: customer-lost
            say: "Forget it. I am going across the road."

        tests:                               # `coach test` plays these replies and checks the result
          - name: strong trainee
            replies:
              - "Good morning, Mr Taylor. What's wrong with the phone you have now?"
              - {note: "account AC-55012"}           # a /note: noting the customer's details earns points
              - "So your battery dies by lunchtime and you run your business from it, is that right? I can see why you're frustrated."
              - "A free phone isn't something I can give, but as an exception I can upgrade you today and waive the fee. Would that work for you?"
              - "Great, then that's settled: I'm ordering it now and it will be here tomorrow. I'll call you on Friday to make sure it works for you. Thank you for staying with us, Mr Taylor."
            expect:
              ending: resolved
              score: {min: 80}
              path: [demand, needs, accepts, resolved]       # the states, each time it changes
              moves: {1: [greeting, name, question], 3: [limit, exception, leading-question]}
          - name: weak trainee
            replies:
              - "Free phones aren't a thing. That's policy."
              - "You're overreacting, it's only a phone."
              - "Not my problem."
            expect:
              ending: stormed-out
              score: {max: 40}

        """

    static let provocateur = """
        title: The caller who wants a fight
        kind: provocateur                    # provocateur | overly-demanding | genuine-grievance
        difficulty: 1                        # 1 (gentle) to 3 (hard)
        language: en                         # the lexicon that recognises the trainee's moves
        turn-limit: 12                       # the conversation times out after this many replies
        briefing: |                          # what the trainee reads before the customer speaks
          You answer the billing line. Mr Taylor's bill is higher than usual because it was
          estimated. He asks loaded questions to get a rise out of you. Stay calm, answer
          each one completely, then ask a question he can say yes to (G41).
        authority:                           # what the trainee may do (G17)
          - Correct the bill from a meter reading he gives you now
          - Log a formal complaint (a written answer within eight weeks); no penalty payments
        beyond-authority:                    # what he may not be given: offering it is a fault (G17, G33)
          - label: a penalty payment
            words: [penalty payment, pay you a penalty, pay the penalty, compensation payment]

        customer:
          names: [Sam Taylor, Mr Taylor]     # every form the trainee may use (the `name` move)
          persona: Calm, cold and looking for an admission he can use.
          facts:                             # details a good agent notes with /note (G5)
            - id: reading
              label: his meter reading
              value: "18342"
              accept: ["18342"]              # each entry is one way of writing it

        mood:                                # numbers the engine keeps, 0..100 by default
          anger: {initial: 40, max-ending: hung-up}     # reaching 100 ends the call there
          respect: {initial: 10}

        start: loaded-question

        states:
          loaded-question:
            phase: opening                   # opening | listening | resolving | closing
            provokes: true                   # a negative, loaded question: circuit step 1 (G41)
            say:                             # one variant is picked by the seed
              - - "My bill is twice what it should be."   # a line in parts
                - "So tell me: how long has your company been cheating its customers?"
            hint: Answer completely and calmly, then ask a question he can say yes to (G41).
            on:                              # tried in order: the first whose `if` holds fires
              - if: {any: [contradict, sarcasm, dismiss, personal]}
                mood: {anger: +20, respect: -5}
                say: "Touchy! So you do not deny it. Well?"   # said instead; no goto: stay
              - if: {all: [leading-question], none: [vague, deflect, excuse, apology]}
                mood: {respect: +15}
                points: {value: 4, category: control, because: "Answered and led him to a yes", guidelines: [G41]}
                goto: first-yes
            fallback:                        # when nothing fires
              say: ["That is not an answer. I will take it as a yes."]
              mood: {anger: +10}
              limit: 2                       # the third miss in a row goes to `goto`
              goto: hung-up

          first-yes:
            phase: listening
            agrees: true                     # the customer's "yes": circuit step 4
            say:
              - "Yes. Fine. Correct it. The meter says 18342."
            hint: He said yes. Close positively, then carry on (G41).
            on:
              - if: {any: [positive-close], none: [vague]}
                mood: {respect: +5}
                goto: second-question
              - if: {any: [plan, deadline, thanks]}
                goto: second-question
            fallback:
              say: ["Well? Are you writing it down or not?"]
              limit: 1
              goto: second-question

          second-question:
            phase: resolving
            provokes: true
            say:
              - - "Good. Now the real question."
                - "Don't you think a company that does this owes its customer a penalty payment?"
            hint: Another loaded question. Answer it completely, then ask for a yes (G20, G41).
            on:
              - if: {any: [contradict, sarcasm, dismiss, personal]}
                mood: {anger: +20}
                say: "There it is. So, do you owe me or not?"
              - if: {all: [leading-question], none: [vague, deflect, excuse, apology], mood: {respect: ">= 20"}}
                points: {value: 4, category: control, because: "Held the line and led him to a yes", guidelines: [G20, G41]}
                goto: second-yes
              - if: {any: [escalate]}
                goto: escalated
            fallback:
              say: ["Well? Do I get my money or not?"]
              mood: {anger: +10}
              limit: 2
              goto: hung-up

          second-yes:
            phase: closing
            agrees: true
            say:
              - "Yes. Log it, then."
            hint: Close positively (G41).
            on:
              - if: {any: [positive-close, plan, thanks], none: [vague]}
                goto: resolved
            fallback:
              say: ["Is that it?"]
              limit: 1
              goto: resolved

        unclear:                             # a reply with no move the lexicon knows: not silence
          say: ["What is that supposed to mean?", "Is that meant to be an answer?"]

        global:                              # tried before the state's own, in every state
          - if: {any: [rudeness, shouting]}
            mood: {anger: +35}
            say: "Shouting at customers now? Excellent."

        endings:
          resolved:
            outcome: resolved                # resolved | escalated | customer-lost | timed-out | abandoned | completed
            say: "Fine. Send it over."
          escalated:
            outcome: escalated
            say: "Good. Put me through to your boss."
          hung-up:
            outcome: customer-lost
            say: "I have heard enough. I am switching supplier."

        tests:                               # `coach test` plays these replies and checks the result
          - name: strong trainee
            replies:
              - "Good afternoon, Mr Taylor. Your bill is higher because we had no meter reading, so it was estimated. Would you like me to correct it with your reading now?"
              - {note: "reading 18342"}
              - "Great, then that's settled: I'm correcting your bill now with 18342."
              - "Any claim for money goes through our complaints process, and you will get a written answer within eight weeks. Shall I raise a complaint for you now?"
              - "Great, that's done. Thank you for calling, Mr Taylor."
            expect:
              ending: resolved
              score: {min: 80}
              path: [loaded-question, first-yes, second-question, second-yes, resolved]   # each change
              moves: {1: [greeting, name, cause, leading-question]}   # at least these in reply 1
          - name: weak trainee
            replies:
              - "No, that's not true, we don't cheat anyone."
              - "Why are you attacking me? I just work here."
              - "Calm down, it's only a bill."
            expect:
              ending: hung-up
              score: {max: 40}

        """
}
