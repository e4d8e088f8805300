import Foundation
import GRDB

/// A row of `releases`: vN of an app. Never updated once written.
public struct ReleaseRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "releases"

    public var id: String
    public var appID: String
    public var version: Int
    public var description: String
    public var userID: String
    public var buildID: String?
    public var slugID: String?
    public var commit: String?
    /// JSON object `name → command`.
    public var processTypesJSON: String
    /// The config snapshot, JSON sealed with the master key.
    var sealedConfig: Data
    public var createdAt: Date

    public var processTypes: [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(processTypesJSON.utf8))) ?? [:]
    }

    static func sealingContext(releaseID: String) -> String { "release-config/\(releaseID)" }

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, version, description, commit
        case appID = "app_id"
        case userID = "user_id"
        case buildID = "build_id"
        case slugID = "slug_id"
        case processTypesJSON = "process_types"
        case sealedConfig = "sealed_config"
        case createdAt = "created_at"
    }
}
