import RackCore

/// The internal routes a build's own programs use, with the build's token.
extension RackAPIClient {
    /// Releases the build (its slug was recorded by the build runner): release vN.
    public func releaseBuild(id: String, output: String) async throws(RackError) -> InternalReleaseResource {
        try await send(.POST, "/internal/builds/\(Self.segment(id))/release", body: InternalBuildEnd(status: nil, output: output))
    }

    /// Ends the build without a release.
    public func failBuild(id: String, cancelled: Bool, output: String) async throws(RackError) {
        let _: [String: String] = try await send(
            .POST, "/internal/builds/\(Self.segment(id))/fail",
            body: InternalBuildEnd(status: cancelled ? "cancelled" : "failed", output: output))
    }
}
