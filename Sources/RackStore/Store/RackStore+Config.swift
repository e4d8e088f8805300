import Foundation
import GRDB
import RackCore

extension RackStore {
    /// The largest value a config var may hold, in bytes (Heroku's whole-app limit is 32 KiB; Rack allows
    /// 32 KiB a var).
    public static let largestConfigValue = 32 * 1024

    /// An app's config vars, decrypted.
    public func configVars(appID: String) async throws(RackError) -> [String: String] {
        try await read { db in try self.configVars(db, appID: appID) }
    }

    func configVars(_ db: Database, appID: String) throws -> [String: String] {
        var vars: [String: String] = [:]
        for row in try ConfigVarRecord.filter(ConfigVarRecord.CodingKeys.appID == appID).fetchAll(db) {
            vars[row.name] = try secrets.openText(
                Array(row.sealedValue), context: ConfigVarRecord.sealingContext(appID: appID, name: row.name))
        }
        return vars
    }

    /// Stores one config var, sealed under the master key and bound to its app and name.
    func saveConfigVar(_ db: Database, appID: String, name: String, value: String) throws {
        let sealed = try secrets.seal(value, context: ConfigVarRecord.sealingContext(appID: appID, name: name))
        try ConfigVarRecord(appID: appID, name: name, sealedValue: Data(sealed)).save(db)
    }

    /// Sets (a value) and removes (nil) config vars in one transaction, and records a release with the new
    /// config when anything changed.
    ///
    /// - Returns: the config after the change and the release it made (nil when nothing changed).
    /// - Throws: ``RackError`` `.invalidParams` for a bad name or an over-long value; nothing is changed then.
    public func updateConfigVars(
        appID: String, changes: [String: String?], userID: String
    ) async throws(RackError) -> (vars: [String: String], release: ReleaseRecord?) {
        for (name, value) in changes {
            _ = try ConfigVarName(validating: name)
            if let value, value.utf8.count > RackStore.largestConfigValue {
                throw RackError(
                    .invalidParams, "The value of \(name) is \(value.utf8.count) bytes: the largest is \(RackStore.largestConfigValue).")
            }
        }
        return try await write { db in
            guard try AppRecord.exists(db, key: appID) else { throw RackError(.notFound, "Couldn't find that app.") }
            let before = try self.configVars(db, appID: appID)
            var after = before
            var set: [String] = []
            var removed: [String] = []
            for (name, value) in changes.sorted(by: { $0.key < $1.key }) {
                if let value {
                    guard before[name] != value else { continue }
                    try self.saveConfigVar(db, appID: appID, name: name, value: value)
                    after[name] = value
                    set.append(name)
                } else if before[name] != nil {
                    _ = try ConfigVarRecord.deleteOne(db, key: ["app_id": appID, "name": name])
                    after[name] = nil
                    removed.append(name)
                }
            }
            guard !set.isEmpty || !removed.isEmpty else { return (after, nil) }
            let description = ReleaseDescription.configChange(set: set, removed: removed)
            let release = try self.appendRelease(db, appID: appID, userID: userID, description: description, config: after)
            return (after, release)
        }
    }
}
