/// Reads the SSH wire encoding of RFC 4251 §5: big-endian `uint32`s, and `string`s and `mpint`s, each a `uint32`
/// length followed by that many bytes.
///
/// A read that runs past the end returns `nil` and leaves the reader where it was, so a truncated blob never traps.
///
/// ```swift
/// var reader = SSHWireReader(blob)
/// guard let type = reader.readText(), let key = reader.readString(), reader.isAtEnd else { … }
/// ```
struct SSHWireReader: Sendable {
    private let bytes: [UInt8]
    /// Where the next read starts.
    private(set) var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The number of bytes not read yet.
    var remainingCount: Int { bytes.count - offset }

    /// True when every byte has been read.
    var isAtEnd: Bool { offset == bytes.count }

    /// Reads a big-endian `uint32`, or returns `nil` when fewer than 4 bytes remain.
    mutating func readUInt32() -> UInt32? {
        guard remainingCount >= 4 else { return nil }
        var value: UInt32 = 0
        for byte in bytes[offset..<offset + 4] {
            value = value << 8 | UInt32(byte)
        }
        offset += 4
        return value
    }

    /// Reads a `string`: its bytes, or `nil` when the length or the bytes it announces are not all there.
    mutating func readString() -> [UInt8]? {
        let start = offset
        guard let length = readUInt32() else { return nil }
        guard Int(length) <= remainingCount else {
            offset = start
            return nil
        }
        let value = Array(bytes[offset..<offset + Int(length)])
        offset += Int(length)
        return value
    }

    /// Reads a `string` that holds text (a key type, a curve name), or `nil` when it is missing or not UTF-8.
    mutating func readText() -> String? {
        let start = offset
        guard let value = readString() else { return nil }
        guard let text = String(validating: value, as: UTF8.self) else {
            offset = start
            return nil
        }
        return text
    }

    /// Reads an `mpint` that must not be negative, and returns its magnitude: big-endian bytes without leading
    /// zero bytes (empty for zero). Returns `nil` when it is missing or negative.
    mutating func readNonNegativeMPInt() -> [UInt8]? {
        let start = offset
        guard let value = readString() else { return nil }
        if let first = value.first, first & 0x80 != 0 {
            offset = start
            return nil
        }
        return Array(value.drop { $0 == 0 })
    }
}
