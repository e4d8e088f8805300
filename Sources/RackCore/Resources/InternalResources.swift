/// `GET /internal/ssh-keys?fingerprint=SHA256:…`: the key the SSH gate asks about, and whose it is.
public struct InternalKeyResource: Codable, Hashable, Sendable {
    public var keyID: String
    public var fingerprint: String
    public var user: UserReference

    public init(keyID: String, fingerprint: String, user: UserReference) {
        self.keyID = keyID
        self.fingerprint = fingerprint
        self.user = user
    }

    enum CodingKeys: String, CodingKey {
        case fingerprint, user
        case keyID = "key_id"
    }
}

/// `POST /internal/access` body: may this key read or write this app?
public struct InternalAccessRequest: Codable, Hashable, Sendable {
    public var keyID: String
    public var app: String
    public var access: AccessMode

    public init(keyID: String, app: String, access: AccessMode) {
        self.keyID = keyID
        self.app = app
        self.access = access
    }

    enum CodingKeys: String, CodingKey {
        case app, access
        case keyID = "key_id"
    }
}

/// `POST /internal/access` answer when access is granted.
public struct InternalAccessResource: Codable, Hashable, Sendable {
    public var app: NamedReference
    public var user: UserReference
    public var access: AccessMode

    public init(app: NamedReference, user: UserReference, access: AccessMode) {
        self.app = app
        self.user = user
        self.access = access
    }
}
