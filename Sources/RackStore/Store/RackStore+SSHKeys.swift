import Foundation
import GRDB
import RackCore

extension RackStore {
    /// The key with this id and its user, for the forced command; nil when the key was removed.
    public func keyOwner(keyID: String) async throws(RackError) -> (key: KeyRecord, user: UserRecord)? {
        try await read { db in
            guard let key = try KeyRecord.fetchOne(db, key: keyID), let user = try UserRecord.fetchOne(db, key: key.userID)
            else { return nil }
            return (key, user)
        }
    }
}
