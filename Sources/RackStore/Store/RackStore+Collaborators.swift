import Foundation
import GRDB
import RackCore

extension RackStore {
    /// The owner (role `owner`) then the collaborators of an app.
    public func collaborators(appID: String) async throws(RackError) -> [(record: CollaboratorRecord, user: UserRecord, role: String)] {
        try await read { db in
            guard let app = try AppRecord.fetchOne(db, key: appID), let owner = try UserRecord.fetchOne(db, key: app.ownerID)
            else { return [] }
            let ownerEntry = (
                record: CollaboratorRecord(
                    id: app.ownerID, appID: app.id, userID: owner.id, createdAt: app.createdAt, updatedAt: app.createdAt),
                user: owner, role: "owner"
            )
            let rows = try CollaboratorRecord.filter(CollaboratorRecord.CodingKeys.appID == appID).fetchAll(db)
            let others = try rows.compactMap { row -> (record: CollaboratorRecord, user: UserRecord, role: String)? in
                guard let user = try UserRecord.fetchOne(db, key: row.userID) else { return nil }
                return (row, user, "collaborator")
            }
            return [ownerEntry] + others
        }
    }

    /// Shares an app with a registered user.
    ///
    /// - Throws: ``RackError`` `.notFound` when no user has that email, `.conflict` when they have access already.
    public func addCollaborator(appID: String, email: String) async throws(RackError) -> (record: CollaboratorRecord, user: UserRecord) {
        try await write { db in
            guard let user = try UserRecord.filter(UserRecord.CodingKeys.email == email).fetchOne(db) else {
                throw RackError(.notFound, "No user has the email \(email.prefix(100)): they must have a Rack account first.")
            }
            guard let app = try AppRecord.fetchOne(db, key: appID) else { throw RackError(.notFound, "Couldn't find that app.") }
            if app.ownerID == user.id { throw RackError(.conflict, "\(user.email) owns \(app.name) already.") }
            let existing = try CollaboratorRecord
                .filter(CollaboratorRecord.CodingKeys.appID == appID && CollaboratorRecord.CodingKeys.userID == user.id)
                .fetchCount(db)
            if existing > 0 { throw RackError(.conflict, "\(user.email) is a collaborator on \(app.name) already.") }
            let now = Date()
            let record = CollaboratorRecord(id: RackStore.newID(), appID: appID, userID: user.id, createdAt: now, updatedAt: now)
            try record.insert(db)
            return (record, user)
        }
    }

    /// Stops sharing an app with a user; returns false when they were not a collaborator.
    public func removeCollaborator(appID: String, userID: String) async throws(RackError) -> Bool {
        try await write { db in
            try CollaboratorRecord
                .filter(CollaboratorRecord.CodingKeys.appID == appID && CollaboratorRecord.CodingKeys.userID == userID)
                .deleteAll(db) > 0
        }
    }
}
