import Foundation
import HTTPTypes
import Hummingbird
import RackCore

extension RackError: ResponseGenerator {}
extension RackError: HTTPResponseError {
    /// The HTTP status Heroku gives this kind of error.
    public var status: HTTPResponse.Status {
        switch code {
        case .badRequest: .badRequest
        case .invalidParams: .unprocessableContent
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .payloadTooLarge: .contentTooLarge
        case .unavailable: .serviceUnavailable
        case .rateLimit: .tooManyRequests
        case .notAcceptable: .notAcceptable
        default: .internalServerError
        }
    }

    /// `{"id": "…", "message": "…"}`. Denials show their message; an unavailable rack (disk full, database busy)
    /// says so and what to do; an internal error shows a short message. Every failure goes to rackd's log with its
    /// cause, wherever its response is made (the error middleware, the rate limiter).
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        if !isDenial {
            context.logger.error("request failed", metadata: ["error": "\(self)", "http.path": "\(request.uri.path)"])
        }
        let message = code == .internalError ? "Rack failed to handle this request: try again, and tell the rack's operator if it persists." : self.message
        return JSONResponse.make(ErrorResource(id: code.rawValue, message: message), status: status)
    }
}
