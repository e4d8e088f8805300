import Foundation
import GRDB
import RackCore

extension RackStore {
    /// Registers a key for a user.
    ///
    /// - Throws: ``RackError`` `.conflict` when the key is registered already, to anyone: a key belongs to one user.
    public func addKey(_ key: PublicKey, userID: String) async throws(RackError) -> KeyRecord {
        try await write { db in
            if let existing = try KeyRecord.filter(KeyRecord.CodingKeys.fingerprint == key.fingerprint).fetchOne(db) {
                let whose = existing.userID == userID ? "to your account" : "to another account"
                throw RackError(
                    .conflict,
                    "The key \(key.fingerprint) is registered already \(whose): a key belongs to one user. Make a new one with `ssh-keygen -t ed25519`."
                )
            }
            let now = Date()
            let record = KeyRecord(
                id: RackStore.newID(), userID: userID, type: key.type, key: key.base64, comment: key.comment,
                fingerprint: key.fingerprint, createdAt: now, updatedAt: now)
            try record.insert(db)
            return record
        }
    }

    /// A user's keys, oldest first.
    public func keys(userID: String) async throws(RackError) -> [KeyRecord] {
        try await read { db in
            try KeyRecord.filter(KeyRecord.CodingKeys.userID == userID).order(KeyRecord.CodingKeys.createdAt).fetchAll(db)
        }
    }

    /// One of a user's keys, by id or fingerprint; nil when the user has no such key.
    public func key(_ idOrFingerprint: String, userID: String) async throws(RackError) -> KeyRecord? {
        try await read { db in
            try KeyRecord
                .filter(KeyRecord.CodingKeys.userID == userID)
                .filter(KeyRecord.CodingKeys.id == idOrFingerprint || KeyRecord.CodingKeys.fingerprint == idOrFingerprint)
                .fetchOne(db)
        }
    }

    /// Removes one of a user's keys; the next SSH connection with it is refused.
    public func deleteKey(id: String, userID: String) async throws(RackError) {
        try await write { db in
            _ = try KeyRecord.filter(KeyRecord.CodingKeys.userID == userID).filter(key: id).deleteAll(db)
        }
    }

    /// The key with this fingerprint and its user: one indexed lookup, for the SSH gate.
    public func keyOwner(fingerprint: String) async throws(RackError) -> (key: KeyRecord, user: UserRecord)? {
        try await read { db in
            guard let key = try KeyRecord.filter(KeyRecord.CodingKeys.fingerprint == fingerprint).fetchOne(db),
                let user = try UserRecord.fetchOne(db, key: key.userID)
            else { return nil }
            return (key, user)
        }
    }
}
