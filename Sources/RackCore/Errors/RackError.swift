/// The one error type of Rack's libraries.
///
/// A `RackError` carries a ``Code`` that says what kind of thing went wrong, a message that says
/// what went wrong *and what to do*, and optionally the underlying error that caused it.
///
/// Codes split into *denials* (the caller's to fix: bad input, unknown key, no access) and
/// *failures* (Rack's to fix: storage broken, a dependency unreachable). Users see a denial in
/// full; a failure as a short message, with the detail kept for the log.
///
/// ```swift
/// throw RackError(.invalidParams, "App name \"Foo\" is invalid: use 3 to 30 lowercase letters, digits and dashes.")
/// ```
public struct RackError: Error, Sendable, CustomStringConvertible {
    /// What kind of thing went wrong. The raw value is the Heroku API error `id`.
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The request is malformed (bad JSON, bad header).
        public static let badRequest = Code(rawValue: "bad_request")
        /// A parameter is invalid: a name, a key, a value.
        public static let invalidParams = Code(rawValue: "invalid_params")
        /// No credentials, or credentials that are not valid.
        public static let unauthorized = Code(rawValue: "unauthorized")
        /// Valid credentials that may not do this.
        public static let forbidden = Code(rawValue: "forbidden")
        /// The thing asked for does not exist (or is not visible to the caller).
        public static let notFound = Code(rawValue: "not_found")
        /// The thing to create exists already.
        public static let conflict = Code(rawValue: "conflict")
        /// The request body is larger than Rack accepts.
        public static let payloadTooLarge = Code(rawValue: "payload_too_large")
        /// The caller made more requests than its limit allows; it should wait.
        public static let rateLimit = Code(rawValue: "rate_limit")
        /// The `Accept` header asks for an API version Rack does not speak.
        public static let notAcceptable = Code(rawValue: "not_acceptable")
        /// A dependency of Rack (its API, its storage) cannot be reached.
        public static let unavailable = Code(rawValue: "unavailable")
        /// Something broke inside Rack.
        public static let internalError = Code(rawValue: "internal_error")
    }

    public var code: Code
    public var message: String
    public var cause: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// True when the caller can fix this (bad input, no access); false when Rack must.
    public var isDenial: Bool {
        switch code {
        case .unavailable, .internalError: false
        default: true
        }
    }

    public var description: String {
        guard let cause else { return message }
        return "\(message) (cause: \(cause))"
    }
}
