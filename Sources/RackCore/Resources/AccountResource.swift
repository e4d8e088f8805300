import Foundation

/// `GET /account`: the signed-in user, in Heroku's shape.
public struct AccountResource: Codable, Hashable, Sendable {
    public var id: String
    public var email: String
    public var name: String?
    public var verified: Bool
    public var twoFactorAuthentication: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, email: String, name: String?, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.email = email
        self.name = name
        self.verified = true
        self.twoFactorAuthentication = false
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, email, name, verified
        case twoFactorAuthentication = "two_factor_authentication"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// `GET /account/rate-limits`.
public struct RateLimitResource: Codable, Hashable, Sendable {
    public var remaining: Int

    public init(remaining: Int) { self.remaining = remaining }
}
