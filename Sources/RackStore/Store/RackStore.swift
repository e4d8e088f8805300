import Foundation
import GRDB
import RackCore

/// Rack's embedded store: users, tokens, keys, apps, collaborators, config vars, releases and builds
/// in SQLite, with config values sealed under the master key.
///
/// ```swift
/// let store = try RackStore(home: home)          // the database file in the home dir
/// let store = try RackStore.inMemory()           // for tests
/// ```
public final class RackStore: Sendable {
    let writer: any DatabaseWriter
    let secrets: SecretBox

    /// Opens (creating and migrating if needed) the database in `home`.
    ///
    /// - Throws: ``RackError`` `.internalError` when the database cannot be opened or migrated.
    public convenience init(home: RackHome) throws(RackError) {
        var configuration = Configuration()
        // `rackd serve` and `rackd users:create` may write at once: wait for each other's locks.
        configuration.busyMode = .timeout(10)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: home.databasePath, configuration: configuration)
        } catch {
            throw RackError(
                .internalError, "Cannot open the database \(home.databasePath): check that the file is Rack's and the disk is not full.",
                cause: error)
        }
        chmod(home.databasePath, 0o600)
        let key = try Self.settleMasterKey(home: home, writer: pool)
        try self.init(writer: pool, secrets: SecretBox(key: key))
    }

    /// The master key, after finishing a rotation that was cut short (`master.key.next` left beside it): the
    /// next key takes over if the database was already sealed again under it, else it is dropped.
    static func settleMasterKey(home: RackHome, writer: any DatabaseWriter) throws(RackError) -> [UInt8] {
        let next = SecretFile(path: home.nextMasterKeyPath, byteCount: 32)
        if FileManager.default.fileExists(atPath: next.path) {
            let current = try home.masterKey()
            if !key(current, opens: writer), let nextKey = try? next.load(), key(nextKey, opens: writer) {
                guard rename(next.path, home.masterKeyPath) == 0 else {
                    throw RackError(.internalError, "Cannot finish rotating the master key: rename \(next.path) to \(home.masterKeyPath) yourself.")
                }
            } else {
                unlink(next.path)
            }
        }
        return try home.masterKey()
    }

    /// A store in memory, gone when released; for tests.
    public static func inMemory() throws(RackError) -> RackStore {
        let queue: DatabaseQueue
        do { queue = try DatabaseQueue() } catch {
            throw RackError(.internalError, "Cannot open an in-memory database.", cause: error)
        }
        let key = (0..<32).map { _ in UInt8.random(in: .min ... .max) }
        return try RackStore(writer: queue, secrets: SecretBox(key: key))
    }

    init(writer: any DatabaseWriter, secrets: SecretBox) throws(RackError) {
        self.writer = writer
        self.secrets = secrets
        do { try StoreSchema.migrator.migrate(writer) } catch {
            throw RackError(.internalError, "Cannot migrate the database: restore it from a backup or report this.", cause: error)
        }
    }

    /// Runs a read, mapping database errors to ``RackError``.
    func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws(RackError) -> T {
        do { return try await writer.read(body) } catch { throw StoreFailure.map(error) }
    }

    /// Runs a write in one transaction, mapping database errors to ``RackError``.
    func write<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws(RackError) -> T {
        do { return try await writer.write(body) } catch { throw StoreFailure.map(error) }
    }

    static func newID() -> String { UUID().uuidString.lowercased() }
}
