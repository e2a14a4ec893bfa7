import Foundation
import GRDB

/// The SQLite database every session is recorded in (schema: `docs/records.md`).
///
/// Opened in WAL mode with a busy timeout, so that several `coach` processes on one machine
/// write to it at once: a writer waits for another's transaction instead of failing.
/// Opening creates the folders and the file as needed and upgrades the schema.
public final class SessionStore: Sendable {
    /// The database file, or `:memory:`.
    public let path: String
    let writer: any DatabaseWriter

    /// How long a write waits for another process's transaction before it fails.
    public static let busyTimeout: TimeInterval = 10

    /// Opens (creating if needed) the database at `path`; `busyTimeout` is for tests.
    public init(path: String, busyTimeout: TimeInterval = SessionStore.busyTimeout) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
            do {
                // The records hold what trainees said: folders we create are theirs alone.
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError.cannotCreateFolder(folder, reason: error.localizedDescription)
            }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "coach.sessions"
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError.cannotOpen(path, reason: Self.describe(error))
        }
        writer = pool
        try migrate()
        // WAL's usual NORMAL survives a killed process but may lose the last commits to a power
        // cut; a reply is worth an fsync (people type slowly).
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
    }

    /// Opens an existing database for reading only (a backup on a read-only disk, a file
    /// one may not write): nothing is created or upgraded.
    public init(readOnly path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(Self.busyTimeout)
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw StoreError.cannotOpen(path, reason: Self.describe(error))
        }
        let migrator = StoreSchema.migrator
        let (superseded, complete) = try queue.read { db in
            (try migrator.hasBeenSuperseded(db), try migrator.hasCompletedMigrations(db))
        }
        if superseded { throw StoreError.newerSchema(path) }
        if !complete { throw StoreError.cannotOpen(path, reason: "its schema is older; open it once where it can be written") }
        writer = queue
    }

    /// An empty database in memory: for tests, and for reports when no database exists yet.
    public init(inMemory: Void = ()) throws {
        path = ":memory:"
        writer = try DatabaseQueue()
        try migrate()
    }

    /// Opens the database at `path` if the file exists, else an empty one in memory, so that
    /// a report never creates a database as a side effect of looking.
    /// Falls back to reading only when the file cannot be written.
    public static func openForReading(path: String) throws -> SessionStore {
        guard FileManager.default.fileExists(atPath: path) else { return try SessionStore() }
        do {
            return try SessionStore(path: path)
        } catch StoreError.cannotOpen(let file, let reason) {
            guard !FileManager.default.isWritableFile(atPath: path)
                || !FileManager.default.isWritableFile(atPath: (path as NSString).deletingLastPathComponent)
            else { throw StoreError.cannotOpen(file, reason: reason) }
            return try SessionStore(readOnly: path)
        }
    }

    private func migrate() throws {
        let migrator = StoreSchema.migrator
        // Two processes opening a new database at once may both see a migration as not yet
        // applied; the second then fails on the first's tables. Its transaction rolled back,
        // so asking again finds the migration applied and goes on.
        var attempt = 0
        while true {
            attempt += 1
            do {
                if try writer.read({ try migrator.hasBeenSuperseded($0) }) {
                    throw StoreError.newerSchema(path)
                }
                try migrator.migrate(writer)
                return
            } catch let error as StoreError {
                throw error
            } catch {
                if attempt >= 3 { throw StoreError.cannotOpen(path, reason: Self.describe(error)) }
            }
        }
    }

    /// The schema migrations applied to this database, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { try StoreSchema.migrator.appliedMigrations($0) }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? error.description }
        return "\(error)"
    }
}

/// Why the session database could not be used.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotCreateFolder(String, reason: String)
    case cannotOpen(String, reason: String)
    /// The database was written by a newer `coach` whose schema this one does not know.
    case newerSchema(String)
    case noSuchSession(String)
    case ambiguousSession(String, matches: [String])

    public var description: String {
        switch self {
        case .cannotCreateFolder(let folder, let reason): "cannot create the folder \(folder): \(reason)"
        case .cannotOpen(let path, let reason): "cannot open the session database \(path): \(reason)"
        case .newerSchema(let path): "the session database \(path) was written by a newer coach; update coach to use it"
        case .noSuchSession(let id): "no session with id \(id)"
        case .ambiguousSession(let id, let matches):
            "the id \(id) matches several sessions: \(matches.prefix(5).joined(separator: ", "))"
        }
    }
}
