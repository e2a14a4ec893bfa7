import Foundation
import Synchronization

/// Signals the terminal session handles itself, noted by an async-signal-safe handler.
///
/// The handler only sets a bit; the poll loop (woken by EINTR or its timeout) reads
/// and clears the bits and acts, outside signal context.
enum Signals {
    struct Pending: OptionSet, Sendable {
        let rawValue: UInt32
        static let interrupt = Pending(rawValue: 1)
        static let terminate = Pending(rawValue: 2)
        static let hangUp = Pending(rawValue: 4)
        static let resize = Pending(rawValue: 8)
    }

    static let pending = Atomic<UInt32>(0)

    static func install() {
        let handler: @convention(c) (Int32) -> Void = { signal in
            let bit: UInt32 =
                switch signal {
                case SIGINT: Pending.interrupt.rawValue
                case SIGTERM: Pending.terminate.rawValue
                case SIGHUP: Pending.hangUp.rawValue
                case SIGWINCH: Pending.resize.rawValue
                default: 0
                }
            Signals.pending.bitwiseOr(bit, ordering: .sequentiallyConsistent)
        }
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGWINCH] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = handler
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
        }
        // A parent may have started us with these signals blocked (a blocked mask is
        // inherited); the session depends on them, so unblock them.
        var handled = sigset_t()
        sigemptyset(&handled)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGWINCH] { sigaddset(&handled, signal) }
        sigprocmask(SIG_UNBLOCK, &handled, nil)
        // A closed terminal must not kill the process before the session is saved.
        signal(SIGPIPE, SIG_IGN)
    }

    /// Takes the pending signals, clearing them.
    static func take() -> Pending {
        Pending(rawValue: pending.exchange(0, ordering: .sequentiallyConsistent))
    }
}
