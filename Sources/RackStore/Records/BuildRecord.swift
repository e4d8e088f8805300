import Foundation
import GRDB
import RackCore

/// A row of `builds`: one build of a pushed commit and its output.
public struct BuildRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "builds"

    /// Where a build is in its life.
    public enum Status: String, Codable, Sendable, CaseIterable {
        case pending, building, succeeded, failed, cancelled

        /// Whether the build has ended.
        public var isFinished: Bool { self == .succeeded || self == .failed || self == .cancelled }
    }

    /// The buildpacks the build used, from the JSON ``RackStore/recordSlug(buildID:token:buildpacks:slug:processTypes:releaseConfig:)``
    /// keeps.
    public var buildpacks: [BuildResource.Buildpack] {
        guard let buildpack else { return [] }
        return (try? JSONDecoder().decode([BuildResource.Buildpack].self, from: Data(buildpack.utf8))) ?? []
    }

    /// Ends the build as `status` with `output`, now; its token opens nothing after.
    mutating func end(as status: Status, output: String) {
        let now = Date()
        self.status = status
        self.output = output
        updatedAt = now
        finishedAt = now
        tokenHash = nil
    }

    /// The process types found by the build; empty until it has them.
    public var processTypes: [String: String] {
        guard let processTypesJSON else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: Data(processTypesJSON.utf8))) ?? [:]
    }

    public var id: String
    public var appID: String
    public var userID: String
    public var status: Status
    public var commit: String?
    public var commitDescription: String?
    public var buildpack: String?
    public var stack: String
    public var slugID: String?
    public var slugSize: Int?
    public var slugChecksum: String?
    public var releaseID: String?
    public var output: String
    public var createdAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?
    /// SHA-256 of the build's token; cleared when the build ends, so the token opens nothing afterwards.
    public var tokenHash: Data?
    /// The branch the build deploys; it becomes the app's deploy branch at its first release.
    public var branch: String?
    /// The process types the build found (JSON), for its release.
    public var processTypesJSON: String?
    /// `config_vars` of the buildpack's `bin/release` (JSON): set on the app where the user has not.
    public var releaseConfigJSON: String?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, status, commit, buildpack, stack, output
        case appID = "app_id"
        case userID = "user_id"
        case commitDescription = "commit_description"
        case slugID = "slug_id"
        case slugSize = "slug_size"
        case slugChecksum = "slug_checksum"
        case releaseID = "release_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case finishedAt = "finished_at"
        case tokenHash = "token_hash"
        case branch
        case processTypesJSON = "process_types"
        case releaseConfigJSON = "release_config"
    }
}
