import Hummingbird
import RackCore

/// Counts each user's requests in an hourly window, answers `RateLimit-Remaining`, and refuses with 429
/// once the limit is spent.
struct RateLimitMiddleware: RouterMiddleware {
    let limiter: RateLimiter

    func handle(
        _ request: Request, context: RackRequestContext, next: (Request, RackRequestContext) async throws -> Response
    ) async throws -> Response {
        let user = try context.requireUser()
        let remaining = await limiter.spend(userID: user.id)
        var response: Response
        if remaining < 0 {
            response = try RackError(.rateLimit, "Your account reached the API rate limit: wait a while, then try again.")
                .response(from: request, context: context)
        } else {
            do {
                response = try await next(request, context)
            } catch let error as RackError {
                // Errors spend a request too: say what remains on them as well.
                response = try error.response(from: request, context: context)
            }
        }
        response.headers[.init("RateLimit-Remaining")!] = String(max(0, remaining))
        return response
    }
}
