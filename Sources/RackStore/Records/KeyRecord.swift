import Foundation
import GRDB

/// A row of `ssh_keys`: one user's SSH public key, unique by fingerprint across the rack.
public struct KeyRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "ssh_keys"

    public var id: String
    public var userID: String
    public var type: String
    /// The key blob as base64.
    public var key: String
    public var comment: String
    /// `SHA256:…`, as `ssh-keygen -lf` prints it.
    public var fingerprint: String
    public var createdAt: Date
    public var updatedAt: Date

    /// `TYPE BASE64 COMMENT`, as the user added it.
    public var publicKeyLine: String {
        comment.isEmpty ? "\(type) \(key)" : "\(type) \(key) \(comment)"
    }

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, type, key, comment, fingerprint
        case userID = "user_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}
