import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RackAPI
import RackCore
import RackStore
import Testing

/// A rack for API tests: an in-memory store with three users (alice, bob, carol) and a token each,
/// served in-process through HummingbirdTesting's router framework.
///
/// ```swift
/// let rack = try await APITestRack.make()
/// try await rack.run { api in
///     let response = try await api.get("/account", as: rack.alice)
///     #expect(response.status == .ok)
/// }
/// ```
struct APITestRack: Sendable {
    /// A user of the rack and the API token they sign in with.
    struct Member: Sendable {
        let user: UserRecord
        let token: String

        var email: String { user.email }
        var bearer: String { "Bearer \(token)" }
    }

    static let internalSecret = "s3cret"
    static let gateSecret = "g4te"
    static let sshHost = "127.0.0.1"
    static let sshPort = 2222

    let store: RackStore
    let settings: APISettings
    let alice: Member
    let bob: Member
    let carol: Member

    /// - Parameter hourlyRequestLimit: each user's request budget; small values test the rate limit.
    static func make(hourlyRequestLimit: Int = 4500) async throws -> APITestRack {
        let store = try RackStore.inMemory()
        func member(_ email: String) async throws -> Member {
            let user = try await store.createUser(email: email)
            let token = try await store.createToken(userID: user.id, description: "tests")
            return Member(user: user, token: token.description)
        }
        return APITestRack(
            store: store,
            settings: APISettings(
                sshHost: sshHost, sshPort: sshPort, internalSecret: internalSecret, hourlyRequestLimit: hourlyRequestLimit,
                gateSecret: gateSecret),
            alice: try await member("alice@example.com"),
            bob: try await member("bob@example.com"),
            carol: try await member("carol@example.com"))
    }

    /// Serves the API in-process for the duration of `body`.
    func run(_ body: @Sendable (APITestClient) async throws -> Void) async throws {
        let app = Application(router: RackAPI.makeRouter(store: store, settings: settings))
        try await app.test(.router) { client in try await body(APITestClient(client: client)) }
    }

    /// Creates an app in the store directly, for tests whose subject is something else.
    func makeApp(_ name: String, owner: Member, sharedWith collaborators: [Member] = []) async throws -> AppRecord {
        let app = try await store.createApp(name: AppName(validating: name), ownerID: owner.user.id)
        for collaborator in collaborators { _ = try await store.addCollaborator(appID: app.id, email: collaborator.email) }
        return app
    }
}

/// Sends requests to an ``APITestRack`` as one of its members, with JSON bodies.
struct APITestClient: Sendable {
    let client: any TestClientProtocol

    /// Sends a request; `member` nil sends no `Authorization` (unless `headers` has one).
    func send(
        _ method: HTTPRequest.Method, _ uri: String, as member: APITestRack.Member?, body: String? = nil,
        headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = headers
        if let member, headers[.authorization] == nil { headers[.authorization] = member.bearer }
        if body != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        return try await client.execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    func get(_ uri: String, as member: APITestRack.Member?, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await send(.get, uri, as: member, headers: headers)
    }

    func delete(_ uri: String, as member: APITestRack.Member?) async throws -> TestResponse {
        try await send(.delete, uri, as: member)
    }

    /// Sends `json` encoded with Rack's coders.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, as member: APITestRack.Member?, json: some Encodable
    ) async throws -> TestResponse {
        let data = try ResourceCoding.makeEncoder().encode(json)
        return try await send(method, uri, as: member, body: String(decoding: data, as: UTF8.self))
    }

    /// `POST /apps` and the app it made; records an issue unless the answer is 201.
    func createApp(_ name: String?, as member: APITestRack.Member) async throws -> AppResource {
        let response = try await send(.post, "/apps", as: member, json: AppCreateRequest(name: name))
        #expect(response.status == .created, "POST /apps: \(response.text)")
        return try response.decode(AppResource.self)
    }

    /// `PATCH /apps/{app}/config-vars`; records an issue unless the answer is 200.
    @discardableResult
    func setConfig(_ changes: [String: String?], app: String, as member: APITestRack.Member) async throws -> [String: String] {
        let response = try await send(.patch, "/apps/\(app)/config-vars", as: member, json: changes)
        #expect(response.status == .ok, "PATCH config-vars: \(response.text)")
        return try response.decode([String: String].self)
    }

    /// `GET` a list, all of it (no `Range`); records an issue unless the answer is 200.
    func list<Item: Decodable>(_ type: Item.Type, _ uri: String, as member: APITestRack.Member) async throws -> [Item] {
        let response = try await get(uri, as: member)
        #expect(response.status == .ok, "GET \(uri): \(response.text)")
        return try response.decode([Item].self)
    }
}

extension TestResponse {
    /// The body as UTF-8 text.
    var text: String { String(decoding: body.readableBytesView, as: UTF8.self) }

    /// The body decoded with Rack's coders.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try ResourceCoding.makeDecoder().decode(T.self, from: Data(body.readableBytesView))
    }

    /// The body as a JSON object, to check field names as a client sees them.
    func jsonObject() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any], "\(text)")
    }

    /// The body as Heroku's error shape.
    func error() throws -> ErrorResource { try decode(ErrorResource.self) }

    /// A header by name, e.g. `Next-Range`.
    func header(_ name: String) -> String? { headers[HTTPField.Name(name)!] }
}

extension String {
    /// Percent-encodes everything but unreserved characters, for a path component such as a fingerprint.
    var pathComponentEncoded: String {
        addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"))!
    }
}

/// Expects a Heroku error: the status, the `id`, and a message that contains each of `mentions`.
func expectError(
    _ response: TestResponse, _ status: HTTPResponse.Status, id: String, mentioning mentions: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
    #expect(
        response.headers[.contentType]?.hasPrefix("application/json") == true, "errors are JSON",
        sourceLocation: sourceLocation)
    let error = try response.error()
    #expect(error.id == id, "\(error.message)", sourceLocation: sourceLocation)
    #expect(!error.message.isEmpty, sourceLocation: sourceLocation)
    for mention in mentions {
        #expect(error.message.contains(mention), "\"\(error.message)\" should mention \(mention)", sourceLocation: sourceLocation)
    }
}

/// A string argument of a test table, shown escaped and shortened in the test output.
struct TextCase: Sendable, CustomTestStringConvertible, ExpressibleByStringLiteral {
    let text: String

    init(_ text: String) { self.text = text }
    init(stringLiteral text: String) { self.text = text }

    var testDescription: String {
        text.utf8.count > 60 ? String(text.prefix(40)).debugDescription + "… (\(text.utf8.count) bytes)" : text.debugDescription
    }
}
