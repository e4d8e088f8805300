import Foundation
import GRDB
import RackCore

/// A row of `apps`.
public struct AppRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "apps"

    public var id: String
    public var name: String
    public var ownerID: String
    public var stack: String
    public var maintenance: Bool
    /// The branch whose pushes build; nil until the first deploy picks `master` or `main`.
    public var deployBranch: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var releasedAt: Date?
    /// The operator's build limits for this app (JSON of ``BuildLimits/Overrides``); nil: the rack's.
    public var buildLimitsJSON: String?

    /// The operator's build limits for this app; empty: the rack's.
    public var buildLimits: BuildLimits.Overrides {
        guard let buildLimitsJSON else { return BuildLimits.Overrides() }
        return (try? JSONDecoder().decode(BuildLimits.Overrides.self, from: Data(buildLimitsJSON.utf8))) ?? BuildLimits.Overrides()
    }

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, name, stack, maintenance
        case ownerID = "owner_id"
        case deployBranch = "deploy_branch"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case releasedAt = "released_at"
        case buildLimitsJSON = "build_limits"
    }
}
