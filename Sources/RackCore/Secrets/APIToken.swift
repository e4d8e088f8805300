import Crypto

/// An API token: `rack_` + a public id (16 hex) + `_` + a secret (64 hex).
///
/// The store keeps the id and the SHA-256 of the secret; a presented token is found by its id and
/// its secret compared with the stored hash in constant time.
public struct APIToken: Sendable, Hashable, CustomStringConvertible {
    public let id: String
    public let secret: String

    /// A fresh random token.
    public static func generate() -> APIToken {
        APIToken(id: randomHex(bytes: 8), secret: randomHex(bytes: 32))
    }

    private init(id: String, secret: String) {
        self.id = id
        self.secret = secret
    }

    /// Parses a presented token; nil when it does not have the token's shape.
    public init?(parsing text: String) {
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "rack", parts[1].count == 16, parts[2].count == 64,
            parts[1].allSatisfy(\.isHexDigit), parts[2].allSatisfy(\.isHexDigit)
        else { return nil }
        self.init(id: String(parts[1]).lowercased(), secret: String(parts[2]).lowercased())
    }

    /// The hash the store keeps.
    public var secretHash: [UInt8] { Array(SHA256.hash(data: Array(secret.utf8))) }

    /// Compares this token's secret with a stored hash in time independent of where they differ.
    public func matches(hash stored: [UInt8]) -> Bool {
        ConstantTime.equal(secretHash, stored)
    }

    public var description: String { "rack_\(id)_\(secret)" }

    private static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }.hexString
    }
}
