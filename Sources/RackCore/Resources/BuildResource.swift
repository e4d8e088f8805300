import Foundation

/// `GET /apps/{app}/builds/{id}`: one build of a pushed commit.
public struct BuildResource: Codable, Hashable, Sendable {
    /// Where the build's source came from: the pushed commit.
    public struct SourceBlob: Codable, Hashable, Sendable {
        public var checksum: String?
        public var url: String?
        /// The commit sha.
        public var version: String?
        /// The commit's message, its first line.
        public var versionDescription: String?

        public init(checksum: String?, url: String?, version: String?, versionDescription: String?) {
            self.checksum = checksum
            self.url = url
            self.version = version
            self.versionDescription = versionDescription
        }

        enum CodingKeys: String, CodingKey {
            case checksum, url, version
            case versionDescription = "version_description"
        }
    }

    /// A buildpack the build used.
    public struct Buildpack: Codable, Hashable, Sendable {
        public var url: String
        public var name: String

        public init(url: String, name: String) {
            self.url = url
            self.name = name
        }
    }

    public var id: String
    public var app: IdentifierReference
    /// `pending`, `building`, `succeeded`, `failed` or `cancelled`.
    public var status: String
    public var sourceBlob: SourceBlob
    public var buildpacks: [Buildpack]
    public var stack: String
    public var user: UserReference
    public var release: IdentifierReference?
    public var slug: IdentifierReference?
    public var outputStreamURL: String?
    /// Rack's addition: the compressed slug size in bytes.
    public var slugSize: Int?
    /// Rack's addition: the version of the release the build made.
    public var releaseVersion: Int?
    public var createdAt: Date
    public var updatedAt: Date
    /// Rack's addition: when the build ended; nil while it runs.
    public var finishedAt: Date?

    public init(
        id: String, app: IdentifierReference, status: String, sourceBlob: SourceBlob, buildpacks: [Buildpack],
        stack: String, user: UserReference, release: IdentifierReference?, slug: IdentifierReference?,
        outputStreamURL: String?, slugSize: Int?, releaseVersion: Int? = nil, createdAt: Date, updatedAt: Date,
        finishedAt: Date?
    ) {
        self.releaseVersion = releaseVersion
        self.id = id
        self.app = app
        self.status = status
        self.sourceBlob = sourceBlob
        self.buildpacks = buildpacks
        self.stack = stack
        self.user = user
        self.release = release
        self.slug = slug
        self.outputStreamURL = outputStreamURL
        self.slugSize = slugSize
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.finishedAt = finishedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, app, status, buildpacks, stack, user, release, slug
        case sourceBlob = "source_blob"
        case outputStreamURL = "output_stream_url"
        case slugSize = "slug_size"
        case releaseVersion = "release_version"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case finishedAt = "finished_at"
    }
}
