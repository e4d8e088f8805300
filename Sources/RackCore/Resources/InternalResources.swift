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

/// `POST /internal/apps/{app_id}/pushes` body: the ref updates of a push, as its pre-receive hook reads them.
public struct InternalPushRequest: Codable, Hashable, Sendable {
    /// One `OLD NEW REF` line, with the new commit's subject when it is a commit.
    public struct Update: Codable, Hashable, Sendable {
        public var old: String
        public var new: String
        public var ref: String
        public var subject: String?

        public init(old: String, new: String, ref: String, subject: String?) {
            self.old = old
            self.new = new
            self.ref = ref
            self.subject = subject
        }
    }

    public var userID: String
    public var updates: [Update]

    public init(userID: String, updates: [Update]) {
        self.userID = userID
        self.updates = updates
    }

    enum CodingKeys: String, CodingKey {
        case updates
        case userID = "user_id"
    }
}

/// `POST /internal/apps/{app_id}/pushes` answer: what happens to each ref, and the build to run if any.
public struct InternalPushPlan: Codable, Hashable, Sendable {
    /// What the push does with one ref.
    public struct Step: Codable, Hashable, Sendable {
        public enum Action: String, Codable, Sendable {
            case build, pass, refuse
        }

        public var ref: String
        public var action: Action
        /// The note (pass) or the reason (refuse) to show the user.
        public var message: String?

        public init(ref: String, action: Action, message: String?) {
            self.ref = ref
            self.action = action
            self.message = message
        }
    }

    /// The build opened for the deploy ref, and the token that may finish it.
    public struct OpenedBuild: Codable, Hashable, Sendable {
        public var id: String
        public var token: String
        public var commit: String
        public var stack: String

        public init(id: String, token: String, commit: String, stack: String) {
            self.id = id
            self.token = token
            self.commit = commit
            self.stack = stack
        }
    }

    public var steps: [Step]
    public var build: OpenedBuild?

    public init(steps: [Step], build: OpenedBuild?) {
        self.steps = steps
        self.build = build
    }
}

/// `POST /internal/builds/{id}/release` and `/fail` body, sent with the build's own token.
public struct InternalBuildEnd: Codable, Hashable, Sendable {
    /// `failed` or `cancelled` for `/fail`; ignored by `/release`.
    public var status: String?
    /// Everything the push printed, kept as the build's output.
    public var output: String

    public init(status: String?, output: String) {
        self.status = status
        self.output = output
    }
}

/// `POST /internal/builds/{id}/release` answer.
public struct InternalReleaseResource: Codable, Hashable, Sendable {
    public var id: String
    public var version: Int

    public init(id: String, version: Int) {
        self.id = id
        self.version = version
    }
}
