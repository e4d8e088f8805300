import Foundation
import Hummingbird
import RackCore

/// Reads a JSON request body, refusing bodies that are too large or not the expected shape.
enum RequestBody {
    static let largest = 1024 * 1024

    /// - Parameter whenEmpty: what an empty body means, for requests whose fields are all optional;
    ///   nil refuses an empty body.
    /// - Parameter largest: the largest body taken, in bytes.
    static func decode<T: Decodable>(
        _ type: T.Type, from request: Request, whenEmpty: T? = nil, largest: Int = RequestBody.largest
    ) async throws -> T {
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: largest) } catch {
            throw RackError(.payloadTooLarge, "The request body is larger than \(largest / 1024) KiB.")
        }
        if buffer.readableBytes == 0, let whenEmpty { return whenEmpty }
        guard buffer.readableBytes > 0 else {
            throw RackError(.badRequest, "The request has no body: send a JSON object.")
        }
        do {
            return try ResourceCoding.makeDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let DecodingError.keyNotFound(key, _) {
            throw RackError(.invalidParams, "The request body lacks \"\(key.stringValue)\".")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            guard !path.isEmpty else { throw RackError(.invalidParams, "The request body must be a JSON object: send {…}.") }
            throw RackError(.invalidParams, "The field \"\(path)\" of the request body has the wrong type.")
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            throw RackError(.invalidParams, context.debugDescription)
        } catch {
            throw RackError(.badRequest, "The request body is not valid JSON: send a JSON object.")
        }
    }
}
