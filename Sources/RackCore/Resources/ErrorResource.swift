/// The body of every error response: `{"id": "not_found", "message": "…"}`.
public struct ErrorResource: Codable, Hashable, Sendable {
    public var id: String
    public var message: String

    public init(id: String, message: String) {
        self.id = id
        self.message = message
    }
}
