import Foundation
import GRDB
import RackCore

extension RackStore {
    /// Seals every config value and release snapshot again under `newKey`, in one transaction: after it commits,
    /// only the new key opens them.
    ///
    /// - Returns: how many secrets were sealed again.
    public func reseal(under newKey: [UInt8]) async throws(RackError) -> Int {
        let newBox = try SecretBox(key: newKey)
        return try await write { db in
            var count = 0
            for var row in try ConfigVarRecord.fetchAll(db) {
                let context = ConfigVarRecord.sealingContext(appID: row.appID, name: row.name)
                row.sealedValue = Data(try newBox.seal(try self.secrets.open(Array(row.sealedValue), context: context), context: context))
                try row.update(db)
                count += 1
            }
            for var release in try ReleaseRecord.fetchAll(db) {
                let context = ReleaseRecord.sealingContext(releaseID: release.id)
                release.sealedConfig = Data(try newBox.seal(try self.secrets.open(Array(release.sealedConfig), context: context), context: context))
                try release.update(db)
                count += 1
            }
            return count
        }
    }

    /// Whether `key` opens what this database holds (true when it holds no secret yet).
    static func key(_ key: [UInt8], opens writer: any DatabaseWriter) -> Bool {
        guard let box = try? SecretBox(key: key) else { return false }
        let sample = try? writer.read { db -> (sealed: Data, context: String)? in
            if let row = try ConfigVarRecord.fetchOne(db) {
                return (row.sealedValue, ConfigVarRecord.sealingContext(appID: row.appID, name: row.name))
            }
            if let release = try ReleaseRecord.fetchOne(db) {
                return (release.sealedConfig, ReleaseRecord.sealingContext(releaseID: release.id))
            }
            return nil
        }
        guard let sample = sample ?? nil else { return true }
        return (try? box.open(Array(sample.sealed), context: sample.context)) != nil
    }
}
