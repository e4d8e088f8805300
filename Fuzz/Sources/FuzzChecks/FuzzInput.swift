/// The bytes libFuzzer hands a target, and the views of them that Rack's parsers read.
///
/// ```swift
/// @_cdecl("LLVMFuzzerTestOneInput")
/// public func fuzz(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
///     let input = FuzzInput(data, count)
///     _ = try? AppName(validating: input.text)
///     return 0
/// }
/// ```
public struct FuzzInput: Sendable {
    public let bytes: [UInt8]

    public init(_ data: UnsafePointer<UInt8>?, _ count: Int) {
        bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    }

    public init(bytes: some Sequence<UInt8>) {
        self.bytes = Array(bytes)
    }

    /// The bytes as text, invalid UTF-8 repaired to U+FFFD, as Rack turns a file or a request body into a `String`.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The input cut at the first `separator` byte into what comes before and what comes after it; `nil` after it
    /// when there is no separator.
    public func split(at separator: UInt8) -> (head: FuzzInput, tail: FuzzInput?) {
        guard let index = bytes.firstIndex(of: separator) else { return (self, nil) }
        return (FuzzInput(bytes: bytes[..<index]), FuzzInput(bytes: bytes[(index + 1)...]))
    }
}
