import Hummingbird
import RackCore

/// Guards `/internal/…`: only Rack's own programs, holding the secret from the home dir, get through.
/// A user's API token is never accepted here.
struct InternalSecretMiddleware<Context: RequestContext>: RouterMiddleware {
    let secret: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Internal "),
            ConstantTime.equal(String(header.dropFirst("Internal ".count)), secret)
        else {
            throw RackError(.unauthorized, "The internal API is for Rack's own programs.")
        }
        return try await next(request, context)
    }
}
