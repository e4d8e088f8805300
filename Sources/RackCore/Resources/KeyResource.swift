import Foundation

/// `GET /account/keys/{id}`: one SSH public key of the signed-in user.
public struct KeyResource: Codable, Hashable, Sendable {
    public var id: String
    public var comment: String
    public var email: String
    /// `SHA256:…`, exactly as `ssh-keygen -lf` prints it.
    public var fingerprint: String
    /// The whole public key line: `TYPE BASE64 COMMENT`.
    public var publicKey: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, comment: String, email: String, fingerprint: String, publicKey: String, createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.comment = comment
        self.email = email
        self.fingerprint = fingerprint
        self.publicKey = publicKey
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, comment, email, fingerprint
        case publicKey = "public_key"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// `POST /account/keys` body.
public struct KeyCreateRequest: Codable, Hashable, Sendable {
    public var publicKey: String

    public init(publicKey: String) { self.publicKey = publicKey }

    enum CodingKeys: String, CodingKey {
        case publicKey = "public_key"
    }
}
