/// An app's `Procfile`: one `name: command` line per process type.
///
/// Names are letters, digits, `_` and `-`; `#` comments, blank lines and CRLF line ends are fine. A line that
/// is none of these is an error that names the line.
///
/// ```swift
/// let procfile = try Procfile(parsing: "web: bundle exec puma\nworker: sidekiq\n")
/// procfile.processTypes   // ["web": "bundle exec puma", "worker": "sidekiq"]
/// procfile.names          // ["web", "worker"], in the file's order
/// ```
public struct Procfile: Hashable, Sendable {
    /// The process types in the file's order.
    public let entries: [(name: String, command: String)]

    public static let largest = 64 * 1024

    public var names: [String] { entries.map(\.name) }

    public var processTypes: [String: String] {
        Dictionary(entries.map { ($0.name, $0.command) }, uniquingKeysWith: { _, last in last })
    }

    /// - Throws: ``RackError`` `.invalidParams` naming the first bad line.
    public init(parsing text: String) throws(RackError) {
        guard text.utf8.count <= Procfile.largest else {
            throw RackError(.invalidParams, "The Procfile is larger than 64 KiB: keep one short line per process type.")
        }
        var entries: [(name: String, command: String)] = []
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            func refuse(_ why: String) -> RackError {
                RackError(
                    .invalidParams,
                    "Procfile line \(index + 1) is invalid: \(why). Write `name: command`, e.g. `web: bundle exec puma -p $PORT`.")
            }
            guard let colon = trimmed.firstIndex(of: ":") else { throw refuse("it has no `:`") }
            let name = String(trimmed[..<colon])
            guard !name.isEmpty, name.utf8.count <= 63,
                name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") })
            else { throw refuse("\"\(name.prefix(40))\" is not a process type name (letters, digits, _ and -)") }
            let command = String(trimmed[trimmed.index(after: colon)...]).trimmingSpaces
            guard !command.isEmpty else { throw refuse("\(name) has no command") }
            guard !entries.contains(where: { $0.name == name }) else { throw refuse("\(name) is declared twice") }
            entries.append((name, command))
        }
        self.entries = entries
    }

    public static func == (lhs: Procfile, rhs: Procfile) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.name == $1.name && $0.command == $1.command }
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.name)
            hasher.combine(entry.command)
        }
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
