/// A `HOST:PORT` address such as `127.0.0.1:5000` or `[::1]:2222`.
public struct HostAndPort: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// - Throws: ``RackError`` `.invalidParams` unless `text` is `HOST:PORT` with a port from 0 to 65535.
    public init(parsing text: String) throws(RackError) {
        let refuse = RackError(.invalidParams, "\"\(text.prefix(80))\" is not an address: use HOST:PORT, e.g. 127.0.0.1:5000.")
        // Printable ASCII only (an IDN host in punycode): a combining mark after `[` or `:` would hide it from the
        // `Character`-wise reads below, and no resolver knows such a host.
        guard text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7f }) else { throw refuse }
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port)
        else { throw refuse }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        // Brackets only around the whole host: `[[::1]]:80` would name a host `[::1]` that no resolver knows.
        guard !host.isEmpty, !host.contains(where: { $0 == "/" || $0 == "[" || $0 == "]" }) else { throw refuse }
        self.init(host: host, port: port)
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
