/// What a pre-receive hook asks the build runner: run build `buildID`, whose checkout is in the build's own
/// directory, proving it may with the build's token.
public struct BuildRunRequest: Codable, Hashable, Sendable {
    public var buildID: String
    public var token: String

    public init(buildID: String, token: String) {
        self.buildID = buildID
        self.token = token
    }

    enum CodingKeys: String, CodingKey {
        case token
        case buildID = "build_id"
    }
}
