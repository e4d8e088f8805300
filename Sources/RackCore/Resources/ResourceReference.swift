/// A reference to another resource inside a Heroku-shaped response, e.g. `"owner": {"id": …, "email": …}`.
public struct UserReference: Codable, Hashable, Sendable {
    public var id: String
    public var email: String

    public init(id: String, email: String) {
        self.id = id
        self.email = email
    }
}

/// `{"id": …, "name": …}`, as Heroku nests an app, a stack or a region.
public struct NamedReference: Codable, Hashable, Sendable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// `{"id": …}`, as Heroku nests a slug or a release.
public struct IdentifierReference: Codable, Hashable, Sendable {
    public var id: String

    public init(id: String) { self.id = id }
}
