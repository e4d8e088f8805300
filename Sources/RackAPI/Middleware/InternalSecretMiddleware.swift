import Hummingbird
import RackCore

/// Guards `/internal/…`: only Rack's own programs, holding one of the given secrets from the home dir, get
/// through. A user's API token is never accepted here.
struct InternalSecretMiddleware<Context: RequestContext>: RouterMiddleware {
    let secrets: [String]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Internal "),
            case let presented = String(header.dropFirst("Internal ".count)),
            // Compare with every secret, so the time taken does not tell which one nearly matched.
            secrets.map({ ConstantTime.equal(presented, $0) }).contains(true)
        else {
            throw RackError(.unauthorized, "The internal API is for Rack's own programs.")
        }
        return try await next(request, context)
    }
}
