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
        guard remaining >= 0 else {
            throw RackError(.rateLimit, "Your account reached the API rate limit: wait a while, then try again.")
        }
        var response = try await next(request, context)
        response.headers[.init("RateLimit-Remaining")!] = String(remaining)
        return response
    }
}
