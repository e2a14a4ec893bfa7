import Foundation

/// The pieces of wording the text and HTML reports share, in the catalogue's language.
extension InterfaceCatalogue {
    /// "3 finished, 1 abandoned, 1 interrupted": the statuses that occur, in a fixed order
    /// (finished always, so a report of nothing but interrupted sessions says none finished).
    public func statusCounts(_ count: (SessionStatus) -> Int) -> String {
        SessionStatus.allCases.compactMap { status in
            let n = count(status)
            guard n > 0 || status == .finished else { return nil }
            let key: InterfaceText =
                switch status {
                case .finished: .reportCountFinished
                case .abandoned: .reportCountAbandoned
                case .walkedOut: .reportCountWalkedOut
                case .interrupted: .reportCountInterrupted
                case .inProgress: .reportCountInProgress
                }
            return self(key, count: n)
        }.joined(separator: ", ")
    }

    /// "pass mark 70", or that there is none.
    public func passMark(_ mark: PassMark) -> String {
        mark.score.map { self(.reportPassMark, ["mark": String($0)]) } ?? self(.reportNoPassMark)
    }

    /// A session's outcome as a word for tables: the outcome when it reached one, else its status.
    public func outcome(of summary: SessionSummary) -> String {
        if summary.status == .finished, let outcome = summary.outcome { return name(of: outcome) }
        return name(of: summary.status)
    }

    /// A guideline's trend in words; `unknown` when there are too few sessions to tell.
    public func trend(_ direction: GuidelineTrend.Direction) -> String {
        switch direction {
        case .improving: self(.reportTrendImproving)
        case .worsening: self(.reportTrendWorsening)
        case .steady: self(.reportTrendSteady)
        case .unknown: self(.reportTrendUnknown)
        }
    }

    /// A duration for people: `4 min 05 s`, `1 h 02 min`, `12 s` (as ``RecordDates/spoken(_:)``).
    public func duration(_ seconds: TimeInterval) -> String {
        let total = Int(max(0, seconds).rounded())
        if total >= 3600 {
            return self(.reportDurationHours, ["hours": String(total / 3600), "minutes": String(format: "%02d", total / 60 % 60)])
        }
        if total >= 60 {
            return self(.reportDurationMinutes, ["minutes": String(total / 60), "seconds": String(format: "%02d", total % 60)])
        }
        return self(.reportDurationSeconds, ["seconds": String(total)])
    }
}
