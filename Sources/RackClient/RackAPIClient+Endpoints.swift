import Foundation
import RackCore

extension RackAPIClient {
    public func account() async throws(RackError) -> AccountResource { try await send(.GET, "/account") }

    public func keys() async throws(RackError) -> [KeyResource] { try await sendAll("/account/keys") }

    public func addKey(publicKey: String) async throws(RackError) -> KeyResource {
        try await send(.POST, "/account/keys", body: KeyCreateRequest(publicKey: publicKey))
    }

    public func removeKey(idOrFingerprint: String) async throws(RackError) -> KeyResource {
        try await send(.DELETE, "/account/keys/\(Self.segment(idOrFingerprint))")
    }

    public func apps() async throws(RackError) -> [AppResource] { try await sendAll("/apps") }

    public func app(_ name: String) async throws(RackError) -> AppResource {
        try await send(.GET, "/apps/\(Self.segment(name))")
    }

    public func createApp(name: String?) async throws(RackError) -> AppResource {
        try await send(.POST, "/apps", body: AppCreateRequest(name: name))
    }

    public func destroyApp(_ name: String) async throws(RackError) -> AppResource {
        try await send(.DELETE, "/apps/\(Self.segment(name))")
    }

    public func configVars(app: String) async throws(RackError) -> [String: String] {
        try await send(.GET, "/apps/\(Self.segment(app))/config-vars")
    }

    /// Sets (a value) and removes (nil) vars in one request; returns the config after and the release it made.
    public func updateConfigVars(app: String, changes: [String: String?]) async throws(RackError) -> ConfigChangeResult {
        let (data, headers) = try await sendRaw(
            .PATCH, "/apps/\(Self.segment(app))/config-vars", body: ConfigChanges(changes: changes))
        let vars: [String: String] = try decode(data)
        let version = headers.first(name: ConfigChangeResult.releaseVersionHeader).flatMap { Int($0) }
        return ConfigChangeResult(vars: vars, releaseVersion: version)
    }

    public func collaborators(app: String) async throws(RackError) -> [CollaboratorResource] {
        try await sendAll("/apps/\(Self.segment(app))/collaborators")
    }

    public func addCollaborator(app: String, email: String) async throws(RackError) -> CollaboratorResource {
        try await send(.POST, "/apps/\(Self.segment(app))/collaborators", body: CollaboratorCreateRequest(user: email))
    }

    public func removeCollaborator(app: String, email: String) async throws(RackError) -> CollaboratorResource {
        try await send(.DELETE, "/apps/\(Self.segment(app))/collaborators/\(Self.segment(email))")
    }

    public func releases(app: String) async throws(RackError) -> [ReleaseResource] {
        try await sendAll("/apps/\(Self.segment(app))/releases")
    }

    /// The newest release, asked for as a one-item page in descending order.
    public func latestRelease(app: String) async throws(RackError) -> ReleaseResource? {
        let page: [ReleaseResource] = try await send(
            .GET, "/apps/\(Self.segment(app))/releases", range: "version ..; max=1, order=desc")
        return page.first
    }

    public func release(app: String, version: String) async throws(RackError) -> ReleaseResource {
        try await send(.GET, "/apps/\(Self.segment(app))/releases/\(Self.segment(version))")
    }

    public func releaseConfigVars(app: String, version: String) async throws(RackError) -> [String: String] {
        try await send(.GET, "/apps/\(Self.segment(app))/releases/\(Self.segment(version))/config-vars")
    }

    public func builds(app: String) async throws(RackError) -> [BuildResource] {
        try await sendAll("/apps/\(Self.segment(app))/builds")
    }

    public func build(app: String, id: String) async throws(RackError) -> BuildResource {
        try await send(.GET, "/apps/\(Self.segment(app))/builds/\(Self.segment(id))")
    }

    public func buildOutput(app: String, id: String) async throws(RackError) -> String {
        let (data, _) = try await sendRaw(.GET, "/apps/\(Self.segment(app))/builds/\(Self.segment(id))/output")
        return String(decoding: data, as: UTF8.self)
    }
}

/// A config PATCH body: `{"NAME": "value", "GONE": null}`, with the nulls written out.
struct ConfigChanges: Encodable {
    let changes: [String: String?]

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: NameKey.self)
        for (name, value) in changes {
            if let value { try container.encode(value, forKey: NameKey(name)) } else { try container.encodeNil(forKey: NameKey(name)) }
        }
    }

    struct NameKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
