import RackCore

/// The internal routes the SSH gate uses.
extension RackAPIClient {
    /// The key with this fingerprint and its user; nil when no user registered it.
    public func gateKey(fingerprint: String) async throws(RackError) -> InternalKeyResource? {
        do {
            return try await send(.GET, "/internal/ssh-keys?fingerprint=\(Self.segment(fingerprint))")
        } catch where error.code == .notFound {
            return nil
        }
    }

    /// The key with this id and its user; nil when it was removed.
    public func gateKey(id: String) async throws(RackError) -> InternalKeyResource? {
        do {
            return try await send(.GET, "/internal/ssh-keys/\(Self.segment(id))")
        } catch where error.code == .notFound {
            return nil
        }
    }

    /// Asks whether a key may read or write an app; throws `.notFound` (no such app) or `.forbidden` (no access).
    public func gateAccess(keyID: String, app: AppName, mode: AccessMode) async throws(RackError) -> InternalAccessResource {
        try await send(.POST, "/internal/access", body: InternalAccessRequest(keyID: keyID, app: app.rawValue, access: mode))
    }

    /// Tells the API the ref updates of a push; it says which build, pass or are refused, and opens the build.
    public func gatePush(appID: String, request: InternalPushRequest) async throws(RackError) -> InternalPushPlan {
        try await send(.POST, "/internal/apps/\(Self.segment(appID))/pushes", body: request)
    }
}
