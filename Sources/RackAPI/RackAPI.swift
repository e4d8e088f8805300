import Hummingbird
import Logging
import RackCore
import RackStore

/// Rack's HTTP API: the public Heroku Platform API v3 shapes, and `/internal/…` for Rack's own programs.
///
/// ```swift
/// let router = RackAPI.makeRouter(store: store, settings: settings)
/// let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 5000)))
/// ```
public enum RackAPI {
    public static func makeRouter(store: RackStore, settings: APISettings) -> Router<RackRequestContext> {
        let router = Router(context: RackRequestContext.self)
        router.add(middleware: ErrorResponseMiddleware())
        router.add(middleware: AcceptVersionMiddleware())

        let limiter = RateLimiter(limit: settings.hourlyRequestLimit)
        let internalRoutes = router.group("internal")
            .add(middleware: InternalSecretMiddleware(secrets: [settings.internalSecret]))
        let gateRoutes = router.group("internal")
            .add(middleware: InternalSecretMiddleware(secrets: [settings.internalSecret] + [settings.gateSecret].compactMap { $0 }))
        InternalController(store: store).addRoutes(own: internalRoutes, gate: gateRoutes)
        BuildTokenController(store: store).addRoutes(to: router.group("internal/builds"))

        let publicRoutes = router.group()
            .add(middleware: TokenAuthenticationMiddleware(store: store))
            .add(middleware: RateLimitMiddleware(limiter: limiter))
        AccountController(limiter: limiter).addRoutes(to: publicRoutes)
        KeysController(store: store).addRoutes(to: publicRoutes)
        AppsController(store: store, settings: settings).addRoutes(to: publicRoutes)
        ConfigVarsController(store: store).addRoutes(to: publicRoutes)
        CollaboratorsController(store: store).addRoutes(to: publicRoutes)
        ReleasesController(store: store).addRoutes(to: publicRoutes)
        BuildsController(store: store).addRoutes(to: publicRoutes)
        return router
    }
}
