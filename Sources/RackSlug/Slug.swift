/// A finished slug: how large it is and its SHA-256, which identifies its contents.
public struct Slug: Hashable, Sendable {
    /// Compressed size in bytes.
    public var size: Int
    /// Lowercase hex SHA-256 of the compressed bytes.
    public var sha256: String
}
