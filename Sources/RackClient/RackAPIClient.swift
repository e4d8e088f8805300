import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import RackCore

/// A client of Rack's public API (the Heroku Platform API v3 shapes).
///
/// ```swift
/// let client = RackAPIClient(credentials: try Credentials.current(environment: env))
/// let apps = try await client.apps()
/// ```
public struct RackAPIClient: Sendable {
    /// The API's base URL, without a trailing `/`.
    public let apiURL: String
    /// The `Authorization` header value: `Bearer TOKEN` for users, `Internal SECRET` for Rack's own programs.
    let authorization: String
    /// What to tell the user to check when the API cannot be reached.
    let unreachableHint: String
    /// How long one request may take before it is given up.
    public var timeout: TimeAmount = .seconds(30)

    /// A client acting as a user.
    public init(credentials: Credentials) {
        apiURL = credentials.apiURL
        authorization = "Bearer \(credentials.token)"
        unreachableHint = "check that rackd runs there (set it with `rack login` or RACK_API_URL)"
    }

    /// A client of the internal API, acting as one of Rack's own programs.
    public init(apiURL: String, internalSecret: String, timeout: TimeAmount) {
        self.apiURL = apiURL
        authorization = "Internal \(internalSecret)"
        unreachableHint = "check that rackd runs"
        self.timeout = timeout
    }

    /// A client acting for one build, with the token that may finish that build and nothing else.
    public init(apiURL: String, buildToken: String, timeout: TimeAmount) {
        self.apiURL = apiURL
        authorization = "Build \(buildToken)"
        unreachableHint = "check that rackd runs"
        self.timeout = timeout
    }

    /// Sends a request and decodes the JSON answer.
    ///
    /// - Throws: ``RackError``: the API's own error (its `id` and message), or `.unavailable` when the API
    ///   cannot be reached.
    func send<Answer: Decodable>(
        _ method: HTTPMethod, _ path: String, body: (any Encodable)? = nil, range: String? = nil,
        as type: Answer.Type = Answer.self
    ) async throws(RackError) -> Answer {
        let (data, _) = try await sendRaw(method, path, body: body, range: range)
        return try decode(data)
    }

    /// Decodes an answer of the API.
    func decode<Answer: Decodable>(_ data: Data) throws(RackError) -> Answer {
        do { return try ResourceCoding.makeDecoder().decode(Answer.self, from: data) } catch {
            throw RackError(.internalError, "Rack's API at \(apiURL) sent an answer this rack client cannot read: check that both are the same version.", cause: error)
        }
    }

    /// Every item of a list, following `Next-Range` page by page.
    func sendAll<Item: Decodable>(_ path: String, as type: Item.Type = Item.self) async throws(RackError) -> [Item] {
        var items: [Item] = []
        var range: String? = nil
        repeat {
            let (data, headers) = try await sendRaw(.GET, path, range: range)
            let page: [Item] = try decode(data)
            items += page
            range = headers.first(name: "Next-Range")
        } while range != nil
        return items
    }

    /// Sends a request; returns the body and headers of a 2xx answer.
    func sendRaw(
        _ method: HTTPMethod, _ path: String, body: (any Encodable)? = nil, range: String? = nil
    ) async throws(RackError) -> (Data, HTTPHeaders) {
        var request = HTTPClientRequest(url: apiURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: authorization)
        request.headers.add(name: "Accept", value: "application/vnd.heroku+json; version=3")
        request.headers.add(name: "User-Agent", value: "rack-cli")
        if let range { request.headers.add(name: "Range", value: range) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            do { request.body = .bytes(ByteBuffer(bytes: try ResourceCoding.makeEncoder().encode(body))) } catch {
                throw RackError(.internalError, "Cannot encode the request.", cause: error)
            }
        }
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await HTTPClient.shared.execute(request, timeout: timeout)
            bytes = try await response.body.collect(upTo: 64 * 1024 * 1024)
        } catch {
            throw RackError(
                .unavailable,
                "Cannot reach Rack's API at \(apiURL): \(unreachableHint).",
                cause: error)
        }
        let data = Data(bytes.readableBytesView)
        guard (200..<300).contains(response.status.code) else {
            if let failure = try? JSONDecoder().decode(ErrorResource.self, from: data) {
                var message = failure.message
                if response.status.code == 401, !message.contains("rack login") { message += " Run `rack login`." }
                throw RackError(RackError.Code(rawValue: failure.id), message)
            }
            throw RackError(.internalError, "Rack's API answered \(response.status.code) \(response.status.reasonPhrase).")
        }
        return (data, response.headers)
    }

    /// Percent-encodes one path segment (a key fingerprint holds `/` and `+`).
    static func segment(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~:@")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
