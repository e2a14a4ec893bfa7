/// A value in the session database that coach could not have written there: a damaged file, a
/// hand-made `UPDATE`, a broken tool.
///
/// Reading skips the row that holds it instead of stopping: a bad value in a `session` row, or in
/// the `result` columns a session's summary needs, skips the session; one in another row skips
/// that row only (a reply, a move, a customer line, a note, a rule event, a category score); a
/// JSON column that does not parse is read as empty (a customer line's parts: as its text). Problems are kept once per session, table
/// and column, with a count, so that a report says each in one line.
public struct UnreadableValue: Error, Sendable, Equatable, CustomStringConvertible {
    /// The session's id, or `rowid N` when the id itself is unreadable.
    public var session: String
    public var table: String
    public var column: String
    /// What was found, for people: `the text "yesterday"`, `a blob of 2 bytes`, `the integer 900`.
    public var found: String
    /// What belongs there: `a time`, `an integer`, `a score from 0 to 100`.
    public var expected: String
    public var consequence: Consequence
    /// How many rows of this session had a bad value in this column.
    public var rows: Int = 1

    /// What reading did about it.
    public enum Consequence: Sendable, Equatable {
        /// The row was left out: what it was (`session`, `reply`, `move`, …).
        case skipped(String)
        /// A JSON column that does not parse, read as this instead (`empty`, `the line's text`).
        case readAs(String)
    }

    public var description: String {
        var text = "session \(session): \(table).\(column) holds \(found), not \(expected)"
        if rows > 1 { text += ", in \(rows) rows" }
        switch consequence {
        case .skipped(let what): text += rows > 1 ? "; each such \(what) is skipped" : "; the \(what) is skipped"
        case .readAs(let what): text += "; read as \(what)"
        }
        return text
    }

    /// Adds `problem` to `list`, or counts it with the one already there for the same column.
    static func note(_ problem: UnreadableValue, in list: inout [UnreadableValue]) {
        if let index = list.firstIndex(where: {
            ($0.session, $0.table, $0.column) == (problem.session, problem.table, problem.column)
        }) {
            list[index].rows += problem.rows
        } else {
            list.append(problem)
        }
    }
}
