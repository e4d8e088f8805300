/// Everything a push printed, kept as its build's output: the first and the last 4 MiB when it is longer.
public final class Transcript {
    public static let half = 4 * 1024 * 1024
    private var head: [UInt8] = []
    private var tail: [UInt8] = []
    private var dropped = 0

    public init() {}

    public func append(_ bytes: [UInt8]) {
        if head.count < Self.half {
            let room = Self.half - head.count
            head += bytes.prefix(room)
            tail += bytes.dropFirst(room)
        } else {
            tail += bytes
        }
        if tail.count > Self.half * 2 {
            let excess = tail.count - Self.half
            dropped += excess
            tail.removeFirst(excess)
        }
    }

    /// The head, a note of how much was left out (if anything), and the last 4 MiB. Reading it changes nothing.
    public var text: String {
        let kept = tail.suffix(Self.half)
        let left = dropped + tail.count - kept.count
        let gap = left > 0 ? "\n[… \(left) bytes of output left out …]\n" : ""
        return String(decoding: head, as: UTF8.self) + gap + String(decoding: kept, as: UTF8.self)
    }
}
