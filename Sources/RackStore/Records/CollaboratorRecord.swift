import Foundation
import GRDB

/// A row of `collaborators`: a user other than the owner who may work on an app.
public struct CollaboratorRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "collaborators"

    public var id: String
    public var appID: String
    public var userID: String
    public var createdAt: Date
    public var updatedAt: Date

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id
        case appID = "app_id"
        case userID = "user_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}
