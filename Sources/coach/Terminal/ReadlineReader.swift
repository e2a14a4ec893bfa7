import CReadline
import CoachKit
import Foundation
import Synchronization

/// GNU readline through its callback interface, so output can arrive while the trainee types.
///
/// readline is a process-wide singleton: its callbacks are C function pointers that
/// cannot capture, so they pass lines and completion candidates through the
/// `Mutex`-guarded globals below. Only one `ReadlineReader` exists at a time.
final class ReadlineReader: LineReader {
    private static let inbox = Mutex<[LineEvent]>([])
    private static let completions = Mutex<[String]>([])
    private static let generator = Mutex<(matches: [String], index: Int)>(([], 0))

    private let historyFile: String?
    /// Where the conversation is drawn: standard output, or standard error when
    /// standard output carries a machine-readable result.
    private let screen: Int32
    private var prompt = ""
    private var installed = false
    private var closed = false

    init(historyFile: String?, drawOnStandardError: Bool = false) {
        self.historyFile = historyFile
        screen = drawOnStandardError ? STDERR_FILENO : STDOUT_FILENO
        setlocale(LC_ALL, "")
        coach_rl_configure("coach")
        if drawOnStandardError { coach_rl_use_stderr() }
        coach_rl_set_completion(Self.complete)
        using_history()
        stifle_history(1000)
        if let historyFile { _ = read_history(historyFile) }
        Signals.install()
    }

    var isTyping: Bool { coach_rl_end() > 0 }

    var width: Int {
        var rows: Int32 = 0, columns: Int32 = 0
        rl_get_screen_size(&rows, &columns)
        return columns > 10 ? Int(columns) : 80
    }

    func setCompletions(_ words: [String]) { Self.completions.withLock { $0 = words } }

    func setPrompt(_ prompt: String) {
        self.prompt = prompt
        guard installed else { return }
        rl_set_prompt(prompt)
        rl_redisplay()
    }

    func show(_ text: String) {
        guard !closed else { return }
        let output = text.hasSuffix("\n") ? text : text + "\n"
        // A terminal that went away (EIO) must not crash the session before it is saved.
        guard installed else {
            _ = writeAll(output, to: screen)
            return
        }
        var point: Int32 = 0
        let saved = coach_rl_hide_prompt(&point)
        _ = writeAll(output, to: screen)
        coach_rl_show_prompt(saved, point)
    }

    func next(timeout: Double?) -> LineEvent {
        if !installed {
            rl_callback_handler_install(prompt, Self.lineHandler)
            installed = true
        }
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        while true {
            if let event = Self.inbox.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { return event }
            let signals = Signals.take()
            if signals.contains(.terminate) || signals.contains(.hangUp) { return .terminate }
            if signals.contains(.resize) { rl_resize_terminal() }
            if signals.contains(.interrupt) {
                coach_rl_discard_line()
                _ = writeAll("^C\n", to: screen)
                rl_on_new_line()
                rl_redisplay()
                return .interrupt
            }
            var wait: Int32 = -1
            if let deadline {
                let remaining = deadline.timeIntervalSinceNow
                if remaining <= 0 { return .timeout }
                wait = Int32(min(remaining * 1000, 250).rounded(.up))
            } else {
                wait = 250
            }
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, wait)
            if ready > 0 {
                if descriptor.revents & Int16(POLLIN) != 0 {
                    rl_callback_read_char()
                } else if descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                    // The terminal went away.
                    return .terminate
                }
            }
        }
    }

    func close() {
        guard !closed else { return }
        closed = true
        if installed {
            // Leave no prompt behind on the last line.
            var point: Int32 = 0
            free(coach_rl_hide_prompt(&point))
            rl_callback_handler_remove()
            installed = false
        }
        // Lines typed ahead while the scorecard was drawn belong to the session, not to
        // the shell that gets the terminal back: drop what was typed and not yet read.
        tcflush(STDIN_FILENO, TCIFLUSH)
    }

    /// Remembers a line in the history, and in the history file at once (a crash loses nothing).
    func remember(_ line: String) {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        if let last = coach_history_last(), String(cString: last) == line { return }
        add_history(line)
        // In callback mode readline set its history position for the next line before
        // this entry existed; move it past the entry so Up recalls it.
        using_history()
        if let historyFile {
            // readline appends only to a file that exists.
            if !FileManager.default.fileExists(atPath: historyFile) {
                _ = FileManager.default.createFile(
                    atPath: historyFile, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            _ = append_history(1, historyFile)
            _ = history_truncate_file(historyFile, 1000)
        }
    }

    // MARK: - C callbacks

    private static let lineHandler: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void = { pointer in
        guard let pointer else {
            inbox.withLock { $0.append(.end) }
            return
        }
        // readline hands over bytes as typed or pasted; repair anything that is not UTF-8.
        let line = String(decoding: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)), as: UTF8.self)
        free(pointer)
        inbox.withLock { $0.append(.line(line)) }
    }

    private static let complete:
        @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = {
            text, start, _ in
            coach_rl_set_completion_over(1)
            let typed = text.map { String(cString: $0) } ?? ""
            let lineStart = start == 0
            let candidates = completions.withLock { $0 }
            let matches = CompletionCandidates.matches(for: typed, atLineStart: lineStart, words: candidates)
            guard !matches.isEmpty else { return nil }
            generator.withLock { $0 = (matches, 0) }
            return rl_completion_matches(text, nextMatch)
        }

    private static let nextMatch: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = {
        _, _ in
        let next: String? = generator.withLock { state in
            guard state.index < state.matches.count else { return nil }
            defer { state.index += 1 }
            return state.matches[state.index]
        }
        return next.map { coach_rl_strdup($0) }
    }
}

/// What Tab offers: slash commands at the start of a line, else names and ids.
enum CompletionCandidates {
    static func matches(for typed: String, atLineStart: Bool, words: [String]) -> [String] {
        if typed.hasPrefix("/") {
            guard atLineStart else { return [] }
            return SessionCommand.names.filter { $0.hasPrefix(typed.lowercased()) }
        }
        guard !typed.isEmpty else { return [] }
        let lowered = typed.lowercased()
        var seen = Set<String>()
        return words.filter { $0.lowercased().hasPrefix(lowered) && seen.insert($0).inserted }
    }
}
