import Foundation
import HTTPTypes
import Hummingbird
import RackCore

/// Builds JSON responses with Rack's coders and Heroku's content type.
enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        let data = (try? ResourceCoding.makeEncoder().encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A list cut by the request's `Range` header, with `Content-Range`, `Next-Range` and 206 when more follow.
    ///
    /// - Parameter fields: the fields this list can be ranged by, with how to read each from an item; the first is the default.
    static func page<Item, Resource: Encodable>(
        _ items: [Item], request: Request, fields: [(name: String, key: (Item) -> String)], resource: (Item) throws -> Resource
    ) throws -> Response {
        let names = fields.map(\.name)
        let range = try request.headers[.range].map { text throws(RackError) in try RangeHeader(parsing: text, fields: names) }
            ?? RangeHeader(field: names[0])
        let key = fields.first { $0.name == range.field }!.key
        let page = RangePage(items, range: range, key: key)
        var headers: HTTPFields = [:]
        headers[.acceptRanges] = names.joined(separator: ", ")
        if let contentRange = page.contentRange { headers[.contentRange] = contentRange }
        if let next = page.nextRange { headers[HTTPField.Name("Next-Range")!] = next }
        return make(try page.items.map(resource), status: page.nextRange == nil ? .ok : .partialContent, headers: headers)
    }
}
