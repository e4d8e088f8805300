import Foundation

/// One message between a push's pre-receive hook and the build runner, over the runner's Unix socket: a kind
/// byte, a 4-byte big-endian length, then the payload.
///
/// The hook sends one `.request`; the runner answers with `.output` frames as the build prints, then one
/// `.result`.
public struct BuildRunnerFrame: Sendable, Hashable {
    public enum Kind: UInt8, Sendable {
        /// JSON ``BuildRunRequest``.
        case request = 0x71
        /// Build output bytes, to show the user as they come.
        case output = 0x6f
        /// JSON ``BuildRunResult``; the last frame.
        case result = 0x72
    }

    /// The largest payload either side accepts.
    public static let largestPayload = 1 << 20

    public var kind: Kind
    public var payload: [UInt8]

    public init(kind: Kind, payload: [UInt8]) {
        self.kind = kind
        self.payload = payload
    }

    public init(kind: Kind, json value: some Encodable) throws(RackError) {
        do { self.init(kind: kind, payload: Array(try JSONEncoder().encode(value))) } catch {
            throw RackError(.internalError, "Cannot encode a build runner message.", cause: error)
        }
    }

    /// The payload decoded as JSON.
    public func decode<Value: Decodable>(_ type: Value.Type) throws(RackError) -> Value {
        do { return try JSONDecoder().decode(type, from: Data(payload)) } catch {
            throw RackError(.badRequest, "The build runner got a message it cannot read.", cause: error)
        }
    }

    /// Writes the frame; false when the other side has gone.
    @discardableResult
    public func write(to descriptor: Int32) -> Bool {
        let length = UInt32(payload.count)
        let header: [UInt8] = [kind.rawValue, UInt8(length >> 24), UInt8((length >> 16) & 0xff), UInt8((length >> 8) & 0xff), UInt8(length & 0xff)]
        return DescriptorWrite.all(header + payload, to: descriptor)
    }

    /// Reads the next frame; nil at the end of the stream or on a malformed frame.
    public static func read(from descriptor: Int32) -> BuildRunnerFrame? {
        guard let header = readExactly(descriptor, count: 5), let kind = Kind(rawValue: header[0]) else { return nil }
        let length = Int(header[1]) << 24 | Int(header[2]) << 16 | Int(header[3]) << 8 | Int(header[4])
        guard length <= largestPayload, let payload = readExactly(descriptor, count: length) else { return nil }
        return BuildRunnerFrame(kind: kind, payload: payload)
    }

    static func readExactly(_ descriptor: Int32, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let got = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + offset, count - offset) }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { return nil }
            offset += got
        }
        return bytes
    }
}
