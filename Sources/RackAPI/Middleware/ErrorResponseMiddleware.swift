import Hummingbird
import Logging
import RackCore

/// Turns every error into Heroku's `{"id": …, "message": …}` shape (a ``RackError``'s response logs failures).
struct ErrorResponseMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as RackError {
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            let code: RackError.Code =
                switch error.status.code {
                case 404: .notFound
                case 405: .notFound
                case 413: .payloadTooLarge
                case 400..<500: .badRequest
                default: .internalError
                }
            let message =
                error.status.code == 404 || error.status.code == 405
                ? "There is no \(request.method) \(request.uri.path) in Rack's API." : (error.body ?? error.status.reasonPhrase)
            return try RackError(code, message).response(from: request, context: context)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)", "http.path": "\(request.uri.path)"])
            return try RackError(.internalError, "unexpected error", cause: nil).response(from: request, context: context)
        }
    }
}
