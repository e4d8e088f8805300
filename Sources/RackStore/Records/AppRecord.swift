import Foundation
import GRDB

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

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, name, stack, maintenance
        case ownerID = "owner_id"
        case deployBranch = "deploy_branch"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case releasedAt = "released_at"
    }
}
