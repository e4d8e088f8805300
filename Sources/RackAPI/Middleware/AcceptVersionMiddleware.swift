import Hummingbird
import RackCore

/// Accepts `application/vnd.heroku+json; version=3`, plain JSON or no `Accept`; refuses other API versions.
struct AcceptVersionMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let accept = request.headers[.accept], accept.contains("application/vnd.heroku+json") {
            let version = accept.split(separator: ";").dropFirst()
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .first { $0.hasPrefix("version=") }
                .map { String($0.dropFirst("version=".count)) }
            guard version == nil || version == "3" else {
                throw RackError(.notAcceptable, "Rack speaks version 3 of the API: send Accept: application/vnd.heroku+json; version=3.")
            }
        }
        return try await next(request, context)
    }
}
