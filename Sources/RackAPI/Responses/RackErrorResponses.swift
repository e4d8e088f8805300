import RackCore

/// Errors the API gives in more than one place, with Heroku's wording where Heroku has one.
enum RackErrorResponses {
    static let invalidCredentials = RackError(
        .unauthorized, "Invalid credentials provided: sign in with `rack login` or send Authorization: Bearer TOKEN.")

    static let appNotFound = RackError(.notFound, "Couldn't find that app.")

    static func noAccess(to app: String) -> RackError {
        RackError(.forbidden, "You do not have access to the app \(app).")
    }

    static func ownerOnly(_ app: String, action: String) -> RackError {
        RackError(.forbidden, "Only the owner of \(app) may \(action).")
    }
}
