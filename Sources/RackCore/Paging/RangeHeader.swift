/// A Heroku-style `Range` request header: `id ..; max=200`, `name ]my-app..; max=10, order=desc`.
///
/// The value before `..` starts the page (inclusive, or exclusive after `]`); the value after it ends
/// the page (inclusive). `max` caps the page size (default 200, at most 1000); `order` is `asc` or `desc`.
///
/// ```swift
/// let range = try RangeHeader(parsing: "id ]0a1b..; max=50", fields: ["id", "name"])
/// ```
public struct RangeHeader: Sendable, Hashable {
    public static let defaultMax = 200
    public static let largestMax = 1000

    public var field: String
    public var start: String?
    public var startIsExclusive: Bool
    public var end: String?
    public var max: Int
    public var isDescending: Bool

    public init(
        field: String, start: String? = nil, startIsExclusive: Bool = false, end: String? = nil,
        max: Int = RangeHeader.defaultMax, isDescending: Bool = false
    ) {
        self.field = field
        self.start = start
        self.startIsExclusive = startIsExclusive
        self.end = end
        self.max = max
        self.isDescending = isDescending
    }

    /// - Parameters:
    ///   - text: the header's value.
    ///   - fields: the fields this list may be ranged by; the first is the default.
    /// - Throws: ``RackError`` `.badRequest` for a malformed value or an unknown field.
    public init(parsing text: String, fields: [String]) throws(RackError) {
        func refuse(_ why: String) -> RackError {
            RackError(
                .badRequest,
                "Range header \"\(text.prefix(100))\" is invalid: \(why). Use e.g. \"\(fields.first ?? "id") ..; max=200\"."
            )
        }
        guard text.utf8.count <= 1024 else { throw refuse("it is longer than 1024 bytes") }
        let parts = text.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
        let spec = parts[0].trimmingSpaces
        guard let space = spec.firstIndex(of: " ") else {
            guard fields.contains(spec) else { throw refuse("\"\(spec)\" is not one of \(fields.joined(separator: ", "))") }
            self.init(field: spec)
            try applyOptions(parts.count > 1 ? String(parts[1]) : "", refuse: refuse)
            return
        }
        let field = String(spec[..<space])
        guard fields.contains(field) else { throw refuse("\"\(field)\" is not one of \(fields.joined(separator: ", "))") }
        let bounds = spec[spec.index(after: space)...].trimmingSpaces
        guard let dots = bounds.range(of: "..") else { throw refuse("it has no \"..\"") }
        var start = String(bounds[..<dots.lowerBound])
        let end = String(bounds[dots.upperBound...])
        var exclusive = false
        if start.hasPrefix("]") {
            exclusive = true
            start.removeFirst()
        }
        self.init(
            field: field, start: start.isEmpty ? nil : start, startIsExclusive: exclusive, end: end.isEmpty ? nil : end
        )
        try applyOptions(parts.count > 1 ? String(parts[1]) : "", refuse: refuse)
    }

    private mutating func applyOptions(_ text: String, refuse: (String) -> RackError) throws(RackError) {
        for option in text.split(separator: ",") {
            let pair = option.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces }
            guard pair.count == 2 else { throw refuse("option \"\(option.trimmingSpaces)\" is not name=value") }
            switch pair[0] {
            case "max":
                guard let max = Int(pair[1]), (1...RangeHeader.largestMax).contains(max) else {
                    throw refuse("max must be a number from 1 to \(RangeHeader.largestMax)")
                }
                self.max = max
            case "order":
                guard pair[1] == "asc" || pair[1] == "desc" else { throw refuse("order must be asc or desc") }
                isDescending = pair[1] == "desc"
            default:
                throw refuse("option \"\(pair[0])\" is unknown")
            }
        }
    }

    /// The `Next-Range` value for the page after one that ended at `last`: the same end, size and order.
    public func nextRange(after last: String) -> String {
        "\(field) ]\(last)..\(end ?? ""); max=\(max)" + (isDescending ? ", order=desc" : "")
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
