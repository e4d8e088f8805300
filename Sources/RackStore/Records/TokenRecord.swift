import Foundation
import GRDB

/// A row of `tokens`: the public id of an API token and the SHA-256 of its secret, never the secret.
struct TokenRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "tokens"

    var id: String
    var userID: String
    var secretHash: Data
    var description: String
    var createdAt: Date

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, description
        case userID = "user_id"
        case secretHash = "secret_hash"
        case createdAt = "created_at"
    }
}
