import Foundation
import GRDB
import RackCore

extension RackStore {
    /// Creates a user.
    ///
    /// - Throws: ``RackError`` `.invalidParams` for an address that is not an email,
    ///   `.conflict` when a user has that email already.
    public func createUser(email: String, name: String? = nil, isAdmin: Bool = false) async throws(RackError) -> UserRecord {
        let email = try EmailAddress.validated(email)
        return try await write { db in
            if try UserRecord.filter(UserRecord.CodingKeys.email == email).fetchOne(db) != nil {
                throw RackError(.conflict, "A user with the email \(email) exists already.")
            }
            let now = Date()
            let user = UserRecord(
                id: RackStore.newID(), email: email, name: name, isAdmin: isAdmin, createdAt: now, updatedAt: now)
            try user.insert(db)
            return user
        }
    }

    /// The user with this email (any case), or nil.
    public func user(email: String) async throws(RackError) -> UserRecord? {
        try await read { db in try UserRecord.filter(UserRecord.CodingKeys.email == email).fetchOne(db) }
    }

    /// The user with this id, or nil.
    public func user(id: String) async throws(RackError) -> UserRecord? {
        try await read { db in try UserRecord.fetchOne(db, key: id) }
    }

    /// Issues a new API token for a user. The store keeps only its hash: show the token now or never.
    public func createToken(userID: String, description: String) async throws(RackError) -> APIToken {
        let token = APIToken.generate()
        try await write { db in
            guard try UserRecord.exists(db, key: userID) else { throw RackError(.notFound, "No such user.") }
            try TokenRecord(
                id: token.id, userID: userID, secretHash: Data(token.secretHash), description: description,
                createdAt: Date()
            ).insert(db)
        }
        return token
    }

    /// The user a presented token belongs to, or nil for anything that is not a valid, known token.
    public func authenticate(token text: String) async throws(RackError) -> UserRecord? {
        guard let token = APIToken(parsing: text) else { return nil }
        return try await read { db in
            guard let record = try TokenRecord.fetchOne(db, key: token.id), token.matches(hash: Array(record.secretHash))
            else { return nil }
            return try UserRecord.fetchOne(db, key: record.userID)
        }
    }
}
