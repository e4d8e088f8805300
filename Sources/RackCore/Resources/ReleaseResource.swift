import Foundation

/// `GET /apps/{app}/releases/{id or version}`: one immutable release of an app.
public struct ReleaseResource: Codable, Hashable, Sendable {
    public var id: String
    public var version: Int
    public var description: String
    /// `succeeded` for every recorded release: Rack records a release only once it is complete.
    public var status: String
    public var current: Bool
    public var app: NamedReference
    public var user: UserReference
    public var slug: IdentifierReference?
    public var addonPlanNames: [String]
    public var outputStreamURL: String?
    /// Rack's addition: the process types of this release, `name → command`.
    public var processTypes: [String: String]
    /// Rack's addition: the commit the release's slug was built from.
    public var commit: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, version: Int, description: String, current: Bool, app: NamedReference, user: UserReference,
        slug: IdentifierReference?, processTypes: [String: String], commit: String?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.version = version
        self.description = description
        self.status = "succeeded"
        self.current = current
        self.app = app
        self.user = user
        self.slug = slug
        self.addonPlanNames = []
        self.outputStreamURL = nil
        self.processTypes = processTypes
        self.commit = commit
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, version, description, status, current, app, user, slug, commit
        case addonPlanNames = "addon_plan_names"
        case outputStreamURL = "output_stream_url"
        case processTypes = "process_types"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}
