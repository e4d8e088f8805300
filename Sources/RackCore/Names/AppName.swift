/// A valid app name: 3 to 30 characters, a lowercase letter first, then lowercase letters,
/// digits and dashes (`^[a-z][a-z0-9-]{2,29}$`).
public struct AppName: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public let rawValue: String

    /// The rule, as users read it in error messages.
    public static let rule = "3 to 30 characters: a lowercase letter first, then lowercase letters, digits and dashes"

    /// - Throws: ``RackError`` `.invalidParams` when `text` breaks the rule.
    public init(validating text: String) throws(RackError) {
        guard AppName.isValid(text) else {
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            throw RackError(.invalidParams, "App name \"\(shown)\" is invalid: use \(AppName.rule).")
        }
        rawValue = text
    }

    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (3...30).contains(bytes.count), let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first)
        else { return false }
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-")
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(validating: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
    public static func < (lhs: AppName, rhs: AppName) -> Bool { lhs.rawValue < rhs.rawValue }
}
