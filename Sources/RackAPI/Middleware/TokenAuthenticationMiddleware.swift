import Foundation
import Hummingbird
import RackCore
import RackStore

/// Authenticates a user by `Authorization: Bearer TOKEN` or HTTP Basic with the token as password
/// (any user name), as Heroku's API does. Anything else is refused with 401.
struct TokenAuthenticationMiddleware: RouterMiddleware {
    let store: RackStore

    func handle(
        _ request: Request, context: RackRequestContext, next: (Request, RackRequestContext) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization], let token = Self.token(fromAuthorization: header),
            let user = try await store.authenticate(token: token)
        else { throw RackErrorResponses.invalidCredentials }
        var context = context
        context.user = user
        context.logger[metadataKey: "user.id"] = .string(user.id)
        return try await next(request, context)
    }

    /// The token in an `Authorization` header value, or nil when it holds none.
    static func token(fromAuthorization header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        switch parts[0].lowercased() {
        case "bearer":
            return String(parts[1]).trimmingCharacters(in: .whitespaces)
        case "basic":
            guard let data = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
                let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
            else { return nil }
            return String(text[text.index(after: colon)...])
        default:
            return nil
        }
    }
}
