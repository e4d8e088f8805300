/// How a build run ended, as the build runner tells the hook. The runner has already printed why.
public struct BuildRunResult: Codable, Hashable, Sendable {
    /// The slug is stored and recorded on the build: the hook may ask for the release.
    public var succeeded: Bool

    public init(succeeded: Bool) {
        self.succeeded = succeeded
    }
}
