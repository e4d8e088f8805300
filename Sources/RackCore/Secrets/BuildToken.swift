import Crypto

/// The token a build's own programs hold: it may finish that one build (record its slug, fail it, release
/// it) and nothing else. 64 hex digits; the store keeps only its SHA-256.
public struct BuildToken: Sendable, Hashable {
    public let secret: String

    /// A fresh random token.
    public static func generate() -> BuildToken {
        var generator = SystemRandomNumberGenerator()
        return BuildToken(secret: (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }.hexString)
    }

    private init(secret: String) {
        self.secret = secret
    }

    /// Parses a presented token; nil when it does not have the token's shape.
    public init?(parsing text: String) {
        guard text.utf8.count == 64, text.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else { return nil }
        self.init(secret: text)
    }

    /// The hash the store keeps.
    public var hash: [UInt8] { Array(SHA256.hash(data: Array(secret.utf8))) }

    /// Compares with a stored hash in time independent of where they differ.
    public func matches(hash stored: [UInt8]) -> Bool {
        ConstantTime.equal(hash, stored)
    }
}
