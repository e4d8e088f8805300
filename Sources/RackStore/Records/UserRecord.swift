import Foundation
import GRDB

/// A row of `users`: someone who can sign in to the API.
public struct UserRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "users"

    public var id: String
    public var email: String
    public var name: String?
    public var isAdmin: Bool
    public var createdAt: Date
    public var updatedAt: Date

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, email, name
        case isAdmin = "is_admin"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}
