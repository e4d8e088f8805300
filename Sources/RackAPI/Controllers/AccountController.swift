import Hummingbird
import RackCore
import RackStore

/// `GET /account`, `GET /account/rate-limits`.
struct AccountController {
    let limiter: RateLimiter

    func addRoutes(to group: RouterGroup<RackRequestContext>) {
        group.get("account") { _, context in
            JSONResponse.make(AccountResource(try context.requireUser()))
        }
        group.get("account/rate-limits") { _, context in
            let user = try context.requireUser()
            return JSONResponse.make(RateLimitResource(remaining: await limiter.remaining(userID: user.id)))
        }
    }
}
