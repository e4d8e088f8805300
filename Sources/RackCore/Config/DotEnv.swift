/// The `.env` format of `rack config:dump`: one `NAME='value'` line per var, quoted for a POSIX shell.
///
/// Values are single-quoted, with each `'` written as `'\''`, so any value (newlines, quotes, `$`,
/// backslashes, unicode) reads back exactly both through `set -a; . ./.env` in `sh` and through
/// ``decode(_:)``.
///
/// ```swift
/// let text = DotEnv.encode(["GREETING": "it's\nfine"])   // GREETING='it'\''s\nfine' (newline kept)
/// let vars = try DotEnv.decode(text)                      // ["GREETING": "it's\nfine"]
/// ```
public enum DotEnv {
    /// Encodes vars sorted by name.
    public static func encode(_ vars: [String: String]) -> String {
        vars.keys.sorted().map { name in "\(name)=\(quote(vars[name]!))\n" }.joined()
    }

    /// Quotes one value for a POSIX shell.
    public static func quote(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Decodes what ``encode(_:)`` writes, plus unquoted values, `# comments`, blank lines and `export `.
    ///
    /// - Throws: ``RackError`` `.invalidParams` naming the line that cannot be read.
    public static func decode(_ text: String) throws(RackError) -> [String: String] {
        var vars: [String: String] = [:]
        var characters = Substring(text)
        var line = 1
        while !characters.isEmpty {
            let startLine = line
            func fail(_ why: String) -> RackError {
                RackError(.invalidParams, "Line \(startLine) of the .env file is invalid: \(why).")
            }
            // Skip blank lines and comments.
            if characters.first?.isNewline == true {
                characters.removeFirst()
                line += 1
                continue
            }
            let currentLine = characters.prefix(while: { !$0.isNewline })
            if currentLine.first == "#" || currentLine.allSatisfy({ $0 == " " || $0 == "\t" }) {
                characters = characters[currentLine.endIndex...]
                continue
            }
            if characters.hasPrefix("export ") { characters = characters.dropFirst("export ".count) }
            guard let equals = characters.firstIndex(of: "=") else { throw fail("it has no NAME=") }
            let name = String(characters[..<equals])
            guard ConfigVarName.isValid(name) else { throw fail("\"\(name.prefix(40))\" is not a valid name") }
            characters = characters[characters.index(after: equals)...]
            var value = ""
            while let next = characters.first, !next.isNewline {
                switch next {
                case "'":
                    characters.removeFirst()
                    guard let close = characters.firstIndex(of: "'") else { throw fail("a quote is not closed") }
                    let quoted = characters[..<close]
                    line += quoted.filter(\.isNewline).count
                    value += quoted
                    characters = characters[characters.index(after: close)...]
                case "\\":
                    characters.removeFirst()
                    guard let escaped = characters.first, !escaped.isNewline else { throw fail("it ends in a backslash") }
                    value.append(escaped)
                    characters.removeFirst()
                case "\"", "$", "`", " ", "\t", ";", "&", "|", "<", ">", "(", ")":
                    throw fail("\(next) must be inside single quotes")
                default:
                    value.append(next)
                    characters.removeFirst()
                }
            }
            vars[name] = value
        }
        return vars
    }
}
