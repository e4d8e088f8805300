import Foundation

/// `GET /apps/{app}`: one app, in Heroku's shape.
public struct AppResource: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var owner: UserReference
    public var gitURL: String
    public var webURL: String?
    public var stack: NamedReference
    public var buildStack: NamedReference
    public var region: NamedReference
    public var maintenance: Bool
    /// The branch whose pushes build (`master` or `main`); nil until the first deploy picks one.
    public var deployBranch: String?
    public var slugSize: Int?
    public var repoSize: Int?
    public var createdAt: Date
    public var updatedAt: Date
    public var releasedAt: Date?

    public init(
        id: String, name: String, owner: UserReference, gitURL: String, webURL: String?, stack: NamedReference,
        maintenance: Bool, deployBranch: String?, slugSize: Int?, createdAt: Date, updatedAt: Date, releasedAt: Date?
    ) {
        self.id = id
        self.name = name
        self.owner = owner
        self.gitURL = gitURL
        self.webURL = webURL
        self.stack = stack
        self.buildStack = stack
        self.region = NamedReference(id: "00000000-0000-0000-0000-000000000001", name: "local")
        self.maintenance = maintenance
        self.deployBranch = deployBranch
        self.slugSize = slugSize
        self.repoSize = nil
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.releasedAt = releasedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name, owner, stack, region, maintenance
        case gitURL = "git_url"
        case webURL = "web_url"
        case buildStack = "build_stack"
        case deployBranch = "deploy_branch"
        case slugSize = "slug_size"
        case repoSize = "repo_size"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case releasedAt = "released_at"
    }
}

/// `POST /apps` body; every field optional, as on Heroku.
public struct AppCreateRequest: Codable, Hashable, Sendable {
    public var name: String?
    public var stack: String?

    public init(name: String? = nil, stack: String? = nil) {
        self.name = name
        self.stack = stack
    }
}

/// `PATCH /apps/{app}` body.
public struct AppUpdateRequest: Codable, Hashable, Sendable {
    public var name: String?
    public var maintenance: Bool?
    public var deployBranch: String?

    public init(name: String? = nil, maintenance: Bool? = nil, deployBranch: String? = nil) {
        self.name = name
        self.maintenance = maintenance
        self.deployBranch = deployBranch
    }

    enum CodingKeys: String, CodingKey {
        case name, maintenance
        case deployBranch = "deploy_branch"
    }
}
