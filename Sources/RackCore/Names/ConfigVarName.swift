/// A valid config var name: a letter or `_` first, then letters, digits and `_`
/// (`^[A-Za-z_][A-Za-z0-9_]*$`), at most 256 characters.
public struct ConfigVarName: Hashable, Sendable, CustomStringConvertible, Comparable {
    public let rawValue: String

    public static let maximumLength = 256

    /// - Throws: ``RackError`` `.invalidParams` when `text` is not a valid name.
    public init(validating text: String) throws(RackError) {
        guard ConfigVarName.isValid(text) else {
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            throw RackError(
                .invalidParams,
                "Config var name \"\(shown)\" is invalid: use letters, digits and underscores, not starting with a digit."
            )
        }
        rawValue = text
    }

    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...maximumLength).contains(bytes.count) else { return false }
        func isLetterOrUnderscore(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
        return isLetterOrUnderscore(bytes[0])
            && bytes.allSatisfy { isLetterOrUnderscore($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    public var description: String { rawValue }
    public static func < (lhs: ConfigVarName, rhs: ConfigVarName) -> Bool { lhs.rawValue < rhs.rawValue }
}
