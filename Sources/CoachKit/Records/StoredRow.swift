import Foundation
import GRDB

/// One database row read with care: each value is checked, and one coach could not have written
/// throws an ``UnreadableValue`` naming the session, table and column, where GRDB's subscripts
/// would stop the program.
///
/// Beyond the type, values are held to what coach writes, so that nothing downstream can trap
/// on them: integers fit in 32 bits (every count, number, offset and process id does; their sums
/// then cannot overflow), scores are 0–100, and times fall between 1970 and 9999 (durations
/// between them stay far inside what the reports' arithmetic can hold).
struct StoredRow {
    let row: Row
    let table: String
    let session: String
    /// What a bad value makes reading leave out: `session`, `reply`, `move`, ….
    let skipped: String

    /// The same row, read as a session's (once its id is known) or another table's columns (a join).
    func reading(session: String? = nil, table: String? = nil) -> StoredRow {
        StoredRow(row: row, table: table ?? self.table, session: session ?? self.session, skipped: skipped)
    }

    func text(_ column: String) throws -> String { try required(column, optionalText(column), "text") }

    func optionalText(_ column: String) throws -> String? { try value(column, "text") }

    func integer(_ column: String) throws -> Int { try required(column, optionalInteger(column), "an integer") }

    func optionalInteger(_ column: String) throws -> Int? {
        try value(column, "an integer", where: { (Int(Int32.min)...Int(Int32.max)).contains($0) })
    }

    func score(_ column: String) throws -> Int { try required(column, optionalScore(column), "a score from 0 to 100") }

    func optionalScore(_ column: String) throws -> Int? {
        try value(column, "a score from 0 to 100", where: { (0...100).contains($0) })
    }

    func flag(_ column: String) throws -> Bool { try required(column, value(column, "0 or 1") as Bool?, "0 or 1") }

    func time(_ column: String) throws -> Date { try required(column, optionalTime(column), "a time") }

    func optionalTime(_ column: String) throws -> Date? {
        try value(column, "a time", where: { Self.times.contains($0) })
    }

    /// A JSON column, `nil` when NULL; one that is not JSON of this shape throws, to be read as `fallback`.
    func json<T: Decodable>(_ type: T.Type, _ column: String, fallback: String) throws -> T? {
        let raw: DatabaseValue = row[column]
        if raw.isNull { return nil }
        guard let text = String.fromDatabaseValue(raw), let decoded = try? JSONDecoder().decode(type, from: Data(text.utf8))
        else { throw problem(column, raw, "JSON text", consequence: .readAs(fallback)) }
        return decoded
    }

    /// From the first instant of 1970 to the last of 9999: times GRDB writes and the reports can subtract.
    private static let times = Date(timeIntervalSince1970: 0)..<Date(timeIntervalSince1970: 253_402_300_800)

    private func value<T: DatabaseValueConvertible>(_ column: String, _ expected: String, where valid: (T) -> Bool = { _ in true })
        throws -> T?
    {
        let raw: DatabaseValue = row[column]
        if raw.isNull { return nil }
        guard let value = T.fromDatabaseValue(raw), valid(value) else { throw problem(column, raw, expected) }
        return value
    }

    private func required<T>(_ column: String, _ value: T?, _ expected: String) throws -> T {
        guard let value else { throw problem(column, .null, expected) }
        return value
    }

    private func problem(
        _ column: String, _ raw: DatabaseValue, _ expected: String, consequence: UnreadableValue.Consequence? = nil
    ) -> UnreadableValue {
        UnreadableValue(
            session: session, table: table, column: column, found: Self.describe(raw), expected: expected,
            consequence: consequence ?? .skipped(skipped))
    }

    /// A stored value for people: its type and, shortened, the value.
    static func describe(_ raw: DatabaseValue) -> String {
        switch raw.storage {
        case .null: return "nothing (NULL)"
        case .int64(let number): return "the integer \(number)"
        case .double(let number): return "the number \(number)"
        case .string(let text): return "the text \"\(text.count > 40 ? text.prefix(40) + "…" : Substring(text))\""
        case .blob(let data): return "a blob of \(data.count) byte\(data.count == 1 ? "" : "s")"
        }
    }
}
