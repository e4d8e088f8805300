import Foundation
import GRDB
import RackCore

extension RackStore {
    /// Appends release vN+1 to an app inside a write: the config as its snapshot (the stored one unless the
    /// caller has it at hand), and the slug, commit and process types given, or else those of the previous release.
    func appendRelease(
        _ db: Database, appID: String, userID: String, description: String, buildID: String? = nil,
        slugID: String? = nil, commit: String? = nil, processTypes: [String: String]? = nil,
        config knownConfig: [String: String]? = nil
    ) throws -> ReleaseRecord {
        let previous = try ReleaseRecord.filter(ReleaseRecord.CodingKeys.appID == appID)
            .order(ReleaseRecord.CodingKeys.version.desc).fetchOne(db)
        let id = RackStore.newID()
        let config = try knownConfig ?? configVars(db, appID: appID)
        let configJSON = try JSONEncoder().encode(config)
        let sealed = try secrets.seal(Array(configJSON), context: ReleaseRecord.sealingContext(releaseID: id))
        let types = processTypes ?? previous?.processTypes ?? [:]
        let typesJSON = String(decoding: try JSONEncoder().encode(types), as: UTF8.self)
        let now = Date()
        let release = ReleaseRecord(
            id: id, appID: appID, version: (previous?.version ?? 0) + 1, description: description, userID: userID,
            buildID: buildID ?? (slugID == nil ? previous?.buildID : nil), slugID: slugID ?? previous?.slugID,
            commit: commit ?? (slugID == nil ? previous?.commit : nil), processTypesJSON: typesJSON,
            sealedConfig: Data(sealed), createdAt: now)
        try release.insert(db)
        try db.execute(sql: "UPDATE apps SET released_at = ?, updated_at = ? WHERE id = ?", arguments: [now, now, appID])
        return release
    }

    /// An app's releases, oldest first.
    public func releases(appID: String) async throws(RackError) -> [ReleaseRecord] {
        try await read { db in
            try ReleaseRecord.filter(ReleaseRecord.CodingKeys.appID == appID).order(ReleaseRecord.CodingKeys.version).fetchAll(db)
        }
    }

    /// The newest release of an app; nil when it has none.
    public func latestRelease(appID: String) async throws(RackError) -> ReleaseRecord? {
        try await read { db in
            try ReleaseRecord.filter(ReleaseRecord.CodingKeys.appID == appID)
                .order(ReleaseRecord.CodingKeys.version.desc).fetchOne(db)
        }
    }

    /// One release by id or version number (`3` or `v3`); nil when the app has none such.
    public func release(appID: String, idOrVersion: String) async throws(RackError) -> ReleaseRecord? {
        let versionText = idOrVersion.hasPrefix("v") ? String(idOrVersion.dropFirst()) : idOrVersion
        let version = Int(versionText)
        return try await read { db in
            let mine = ReleaseRecord.filter(ReleaseRecord.CodingKeys.appID == appID)
            if let version { return try mine.filter(ReleaseRecord.CodingKeys.version == version).fetchOne(db) }
            return try mine.filter(key: idOrVersion).fetchOne(db)
        }
    }

    /// The config snapshot a release was made with, decrypted.
    public func configSnapshot(of release: ReleaseRecord) throws(RackError) -> [String: String] {
        let plain = try secrets.open(Array(release.sealedConfig), context: ReleaseRecord.sealingContext(releaseID: release.id))
        do { return try JSONDecoder().decode([String: String].self, from: Data(plain)) } catch {
            throw RackError(.internalError, "The config snapshot of release v\(release.version) is unreadable.", cause: error)
        }
    }
}
