import Foundation
import GRDB

/// A row of `builds`: one build of a pushed commit and its output.
public struct BuildRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "builds"

    /// Where a build is in its life.
    public enum Status: String, Codable, Sendable, CaseIterable {
        case pending, building, succeeded, failed, cancelled

        /// Whether the build has ended.
        public var isFinished: Bool { self == .succeeded || self == .failed || self == .cancelled }
    }

    /// The buildpacks the build used (url and name), from the JSON the build runner records.
    public var buildpacks: [(url: String, name: String)] {
        guard let buildpack, buildpack.hasPrefix("[") else { return buildpack.map { [($0, $0)] } ?? [] }
        let decoded = (try? JSONDecoder().decode([[String: String]].self, from: Data(buildpack.utf8))) ?? []
        return decoded.compactMap { entry in entry["url"].map { ($0, entry["name"] ?? $0) } }
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
