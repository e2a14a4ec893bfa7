import Dispatch
import Synchronization

/// A conversation's setup still being made on another thread: the scenario is read, the
/// lexicon is being read and compiled.
///
/// Reading and compiling a lexicon takes about a third of a second for the English one,
/// which is most of `coach play`'s start-up. Nothing the customer says first needs it
/// (``Conversation/opening(of:seed:from:)``), so a session shows the briefing and the
/// opening line at once and waits for the rest before the trainee's first reply is read
/// (``SessionController/prepare()``). A setup that cannot be made (a lexicon that does not
/// load, a scenario phrase that does not parse) is said then, before anything was typed.
public struct PendingSetup: Sendable {
    /// The scenario, read already.
    public let scenario: Scenario
    /// coach's own texts for the session, when the command chose them (``InterfaceLanguage``);
    /// `nil` keeps the setup's own.
    public var interface: InterfaceCatalogue?
    private let job: Job

    /// Starts `making` on another thread; it returns the setup, or `nil` and why not.
    public init(scenario: Scenario, making: @escaping @Sendable () -> (Setup?, [Diagnostic])) {
        self.scenario = scenario
        job = Job(making)
    }

    /// A setup that is ready.
    public init(ready setup: Setup) {
        scenario = setup.scenario
        job = Job(done: (setup, []))
    }

    /// Why `startingPoint` cannot start a conversation, as ``Setup/problem(with:)`` says.
    public func problem(with startingPoint: Conversation.StartingPoint) -> String? {
        Setup.problem(with: startingPoint, in: scenario)
    }

    /// The setup, waiting for it if it is still being made; or what stopped it.
    public func wait() -> Result<Setup, SetupFailure> {
        let (made, diagnostics) = job.result()
        guard var setup = made else { return .failure(SetupFailure(diagnostics: diagnostics)) }
        if let interface { setup.interface = interface }
        return .success(setup)
    }

    /// The outcome of one run of `making`, shared by every copy of the pending setup.
    private final class Job: Sendable {
        private let done = DispatchGroup()
        private let outcome = Mutex<(Setup?, [Diagnostic])?>(nil)

        init(_ making: @escaping @Sendable () -> (Setup?, [Diagnostic])) {
            done.enter()
            DispatchQueue.global(qos: .userInitiated).async { [self] in
                let made = making()
                outcome.withLock { $0 = made }
                done.leave()
            }
        }

        init(done made: (Setup?, [Diagnostic])) {
            outcome.withLock { $0 = made }
        }

        func result() -> (Setup?, [Diagnostic]) {
            done.wait()
            return outcome.withLock { $0! }
        }
    }
}

/// Why a ``PendingSetup`` could not be made.
public struct SetupFailure: Error, Sendable {
    public var diagnostics: [Diagnostic]
}
