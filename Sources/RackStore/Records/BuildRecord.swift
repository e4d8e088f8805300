import Foundation
import GRDB

/// A row of `builds`: one build of a pushed commit and its output.
public struct BuildRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "builds"

    /// Where a build is in its life.
    public enum Status: String, Codable, Sendable, CaseIterable {
        case pending, building, succeeded, failed, cancelled
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
    }
}
