import Foundation
import GRDB
import RackCore

extension RackStore {
    /// The stack every app builds on until stacks are configurable.
    public static let defaultStack = "heroku-24"

    /// Creates an app owned by a user, with release v1 ("Initial release", empty config).
    ///
    /// - Parameter name: the name to take; nil picks a free readable one.
    /// - Throws: ``RackError`` `.conflict` when the name is taken.
    public func createApp(name: AppName?, ownerID: String) async throws(RackError) -> AppRecord {
        try await write { db in
            var chosen = name?.rawValue
            if let chosen, try AppRecord.filter(AppRecord.CodingKeys.name == chosen).fetchCount(db) > 0 {
                throw RackError(.conflict, "Name \(chosen) is already taken: pick another, or leave it out and Rack picks one.")
            }
            while chosen == nil {
                let candidate = AppNameGenerator.candidate()
                if try AppRecord.filter(AppRecord.CodingKeys.name == candidate).fetchCount(db) == 0 { chosen = candidate }
            }
            let now = Date()
            let app = AppRecord(
                id: RackStore.newID(), name: chosen!, ownerID: ownerID, stack: RackStore.defaultStack,
                maintenance: false, deployBranch: nil, createdAt: now, updatedAt: now, releasedAt: nil)
            try app.insert(db)
            _ = try self.appendRelease(db, appID: app.id, userID: ownerID, description: "Initial release")
            return app
        }
    }

    /// An app by id or name, whoever may see it; nil when none exists.
    public func app(_ idOrName: String) async throws(RackError) -> AppRecord? {
        try await read { db in
            try AppRecord.filter(AppRecord.CodingKeys.id == idOrName || AppRecord.CodingKeys.name == idOrName).fetchOne(db)
        }
    }

    /// What a user may do with an app, or nil when nothing.
    public func access(of user: UserRecord, to app: AppRecord) async throws(RackError) -> AppAccess? {
        if user.isAdmin { return .admin }
        if app.ownerID == user.id { return .owner }
        let appID = app.id
        let userID = user.id
        let isCollaborator = try await read { db in
            try CollaboratorRecord
                .filter(CollaboratorRecord.CodingKeys.appID == appID && CollaboratorRecord.CodingKeys.userID == userID)
                .fetchCount(db) > 0
        }
        return isCollaborator ? .collaborator : nil
    }

    /// The apps a user owns or collaborates on (every app, for an admin).
    public func apps(visibleTo user: UserRecord) async throws(RackError) -> [AppRecord] {
        try await read { db in
            if user.isAdmin { return try AppRecord.fetchAll(db) }
            return try AppRecord.fetchAll(
                db,
                sql: """
                    SELECT * FROM apps WHERE owner_id = ?
                    UNION SELECT apps.* FROM apps JOIN collaborators ON collaborators.app_id = apps.id
                    WHERE collaborators.user_id = ?
                    """,
                arguments: [user.id, user.id])
        }
    }

    /// Renames an app, puts it in or out of maintenance, or sets its deploy branch.
    ///
    /// - Throws: ``RackError`` `.conflict` when the new name is taken, `.invalidParams` for a bad branch.
    public func updateApp(
        id: String, name: AppName?, maintenance: Bool?, deployBranch: String?
    ) async throws(RackError) -> AppRecord {
        if let deployBranch, !["master", "main"].contains(deployBranch), !GitBranchName.isValid(deployBranch) {
            throw RackError(.invalidParams, "Deploy branch \"\(deployBranch.prefix(60))\" is not a valid branch name.")
        }
        return try await write { db in
            guard var app = try AppRecord.fetchOne(db, key: id) else { throw RackError(.notFound, "Couldn't find that app.") }
            if let name, name.rawValue != app.name {
                if try AppRecord.filter(AppRecord.CodingKeys.name == name.rawValue).fetchCount(db) > 0 {
                    throw RackError(.conflict, "Name \(name) is already taken: pick another.")
                }
                app.name = name.rawValue
            }
            if let maintenance { app.maintenance = maintenance }
            if let deployBranch { app.deployBranch = deployBranch }
            app.updatedAt = Date()
            try app.update(db)
            return app
        }
    }

    /// Destroys an app with its config, collaborators, releases and builds.
    public func deleteApp(id: String) async throws(RackError) {
        try await write { db in _ = try AppRecord.deleteOne(db, key: id) }
    }

    /// Sets an app's own build limits (the operator's call); empty overrides go back to the rack's.
    public func setBuildLimits(appID: String, _ overrides: BuildLimits.Overrides) async throws(RackError) -> AppRecord {
        let json = overrides.isEmpty ? nil : String(decoding: (try? JSONEncoder().encode(overrides)) ?? Data(), as: UTF8.self)
        return try await write { db in
            guard var app = try AppRecord.fetchOne(db, key: appID) else { throw RackError(.notFound, "Couldn't find that app.") }
            app.buildLimitsJSON = json
            app.updatedAt = Date()
            try app.update(db)
            return app
        }
    }
}
