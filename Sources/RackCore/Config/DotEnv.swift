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
        // One Unicode scalar at a time, as the shell reads bytes: a `'` followed by a combining mark is one
        // `Character`, which a `Character`-wise replace skips, yet the shell still reads a quote there.
        var quoted = String.UnicodeScalarView()
        quoted.append("'")
        for scalar in value.unicodeScalars {
            if scalar == "'" { quoted.append(contentsOf: "'\\''".unicodeScalars) } else { quoted.append(scalar) }
        }
        quoted.append("'")
        return String(quoted)
    }

    /// Decodes what ``encode(_:)`` writes, plus unquoted values, `# comments`, blank lines and `export `.
    ///
    /// - Throws: ``RackError`` `.invalidParams` naming the line that cannot be read.
    public static func decode(_ text: String) throws(RackError) -> [String: String] {
        var vars: [String: String] = [:]
        // One Unicode scalar at a time, as the shell reads: a quote, `=` or backslash followed by a combining mark
        // is one `Character` with it, but still a quote, `=` or backslash to the shell.
        var scalars = Substring(text).unicodeScalars
        var line = 1
        while !scalars.isEmpty {
            let startLine = line
            func fail(_ why: String) -> RackError {
                RackError(.invalidParams, "Line \(startLine) of the .env file is invalid: \(why).")
            }
            // Skip blank lines and comments.
            if let first = scalars.first, isNewline(first) {
                scalars.removeFirst()
                if first == "\r", scalars.first == "\n" { scalars.removeFirst() }
                line += 1
                continue
            }
            let currentLine = scalars.prefix(while: { !isNewline($0) })
            if currentLine.first == "#" || currentLine.allSatisfy({ $0 == " " || $0 == "\t" }) {
                scalars = scalars[currentLine.endIndex...]
                continue
            }
            if scalars.starts(with: "export ".unicodeScalars) { scalars = scalars.dropFirst("export ".unicodeScalars.count) }
            guard let equals = scalars.firstIndex(of: "=") else { throw fail("it has no NAME=") }
            let name = String(Substring(scalars[..<equals]))
            guard ConfigVarName.isValid(name) else { throw fail("\"\(name.prefix(40))\" is not a valid name") }
            scalars = scalars[scalars.index(after: equals)...]
            var value = String.UnicodeScalarView()
            while let next = scalars.first, !isNewline(next) {
                switch next {
                case "'":
                    scalars.removeFirst()
                    guard let close = scalars.firstIndex(of: "'") else { throw fail("a quote is not closed") }
                    let quoted = scalars[..<close]
                    line += lineBreaks(in: quoted)
                    value.append(contentsOf: quoted)
                    scalars = scalars[scalars.index(after: close)...]
                case "\\":
                    scalars.removeFirst()
                    guard let escaped = scalars.first, !isNewline(escaped) else { throw fail("it ends in a backslash") }
                    value.append(escaped)
                    scalars.removeFirst()
                case "\"", "$", "`", " ", "\t", ";", "&", "|", "<", ">", "(", ")":
                    throw fail("\(next) must be inside single quotes")
                default:
                    value.append(next)
                    scalars.removeFirst()
                }
            }
            vars[name] = String(value)
        }
        return vars
    }

    /// Whether `scalar` ends a line, as `Character.isNewline` says (CR LF is two scalars, one line end).
    private static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
        ["\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalar)
    }

    /// The line ends in `scalars`, counting CR LF once.
    private static func lineBreaks(in scalars: Substring.UnicodeScalarView) -> Int {
        var count = 0
        var previous: Unicode.Scalar?
        for scalar in scalars {
            if isNewline(scalar), !(scalar == "\n" && previous == "\r") { count += 1 }
            previous = scalar
        }
        return count
    }
}
