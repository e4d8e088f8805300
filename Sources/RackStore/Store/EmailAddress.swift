import RackCore

/// Checks the shape of an email address: one `@`, a local part, a domain with a dot, no spaces.
enum EmailAddress {
    static func validated(_ text: String) throws(RackError) -> String {
        let trimmed = text.trimmingWhitespace
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard trimmed.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !trimmed.contains(where: { $0.isWhitespace || $0.isNewline || $0 == "," || $0 == "<" || $0 == ">" })
        else {
            throw RackError(.invalidParams, "\"\(text.prefix(80))\" is not an email address: use the form name@example.com.")
        }
        return trimmed
    }
}

extension String {
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
