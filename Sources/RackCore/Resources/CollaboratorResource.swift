import Foundation

/// `GET /apps/{app}/collaborators/{email}`: someone who may work on an app.
public struct CollaboratorResource: Codable, Hashable, Sendable {
    public struct User: Codable, Hashable, Sendable {
        public var id: String
        public var email: String
        public var federated: Bool

        public init(id: String, email: String) {
            self.id = id
            self.email = email
            self.federated = false
        }
    }

    public var id: String
    public var app: NamedReference
    public var user: User
    /// `owner` or `collaborator`.
    public var role: String
    public var permissions: [String]
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, app: NamedReference, user: User, role: String, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.app = app
        self.user = user
        self.role = role
        self.permissions = []
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, app, user, role, permissions
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// `POST /apps/{app}/collaborators` body: `user` is an email address.
public struct CollaboratorCreateRequest: Codable, Hashable, Sendable {
    public var user: String
    public var silent: Bool?

    public init(user: String, silent: Bool? = nil) {
        self.user = user
        self.silent = silent
    }
}
