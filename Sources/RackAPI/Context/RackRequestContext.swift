import Hummingbird
import RackStore

/// The context of one API request: who made it, once a middleware has authenticated them.
public struct RackRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in user; set by ``TokenAuthenticationMiddleware`` on public routes.
    public var user: UserRecord?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        user = nil
    }

    /// Request bodies are small JSON documents: 1 MiB is plenty.
    public var maxUploadSize: Int { 1024 * 1024 }

    /// The signed-in user; throws `unauthorized` where none is (a route outside the authenticated group).
    func requireUser() throws -> UserRecord {
        guard let user else { throw RackErrorResponses.invalidCredentials }
        return user
    }
}
