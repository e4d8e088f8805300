import CArchive
import RackCore

/// A gzip stream deflated on several threads the way pigz does it, with bytes that depend only on the input.
///
/// The input is cut into blocks of `blockSize` bytes. Each block is deflated on its own by one of the workers,
/// primed with the 32 KiB of input before it (so the ratio stays that of a single stream) and ended with a sync
/// flush on a byte boundary; the last block ends the deflate stream. Written in order between one gzip header
/// and a trailer whose CRC-32 is combined from the blocks', they make one ordinary gzip member. Thread timing
/// decides when a block is done, never its bytes: one thread or eight give the same stream. At most
/// `4 × threads + 2` blocks are in flight (enough that a worker the scheduler sets aside does not starve the
/// others); ``write(_:)`` waits for the oldest when more are, so memory stays flat however long the stream.
/// Everything reaches `output` on the caller's thread.
///
/// ```swift
/// let gzip = ParallelGzip(level: 6, threads: 2) { bytes throws(RackError) in try sink.write(bytes) }
/// try gzip.write(tarBytes)
/// try gzip.finish()
/// ```
final class ParallelGzip {
    /// pigz's block size: large enough that the flush markers and thread hand-offs cost nothing to speak of.
    static let defaultBlockSize = 128 << 10

    private let level: Int
    private let blockSize: Int
    private let maximumInFlight: Int
    private let output: (UnsafeRawBufferPointer) throws(RackError) -> Void
    private let workers: DeflateWorkers
    /// The block being filled.
    private var pending: [UInt8] = []
    /// The previous block's input, whose end primes the next block.
    private var previous: [UInt8] = []
    /// Handed to the workers, oldest first, not yet written.
    private var inFlight: [GzipBlock] = []
    private var headerWritten = false
    private var crc: UInt32 = 0
    private var length = 0

    /// - Parameters:
    ///   - level: zlib's level, 1 (fast) to 9 (small).
    ///   - threads: how many blocks are deflated at once; the bytes do not depend on it.
    ///   - blockSize: where the input is cut; the bytes do depend on it. At least the 32 KiB window.
    ///   - output: takes the gzip stream, in order; what it throws stops the stream.
    init(
        level: Int, threads: Int, blockSize: Int = ParallelGzip.defaultBlockSize,
        output: @escaping (UnsafeRawBufferPointer) throws(RackError) -> Void
    ) {
        precondition(blockSize >= Deflater.windowSize, "a block must be at least the deflate window")
        self.level = level
        self.blockSize = blockSize
        self.maximumInFlight = 4 * max(threads, 1) + 2
        self.output = output
        workers = DeflateWorkers(count: max(threads, 1), level: level)
        pending.reserveCapacity(blockSize)
    }

    deinit { workers.stop() }

    /// Adds bytes to the stream; hands each block to the workers as it fills, and writes those done.
    ///
    /// - Throws: what `output` throws; ``RackError`` `.internalError` when zlib fails.
    func write(_ bytes: UnsafeRawBufferPointer) throws(RackError) {
        let bytes = bytes.assumingMemoryBound(to: UInt8.self)
        var offset = 0
        while offset < bytes.count {
            let count = min(blockSize - pending.count, bytes.count - offset)
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[offset..<offset + count]))
            offset += count
            if pending.count == blockSize { try submit(isLast: false) }
        }
    }

    /// Ends the stream: deflates what is left, writes every block in order, then the trailer.
    ///
    /// - Throws: what `output` throws; ``RackError`` `.internalError` when zlib fails.
    func finish() throws(RackError) {
        try submit(isLast: true)
        while let oldest = inFlight.first {
            _ = workers.isDone(oldest, waiting: true)
            try writeOldest()
        }
        try emit(Self.trailer(crc: crc, length: length))
        workers.stop()
    }

    /// Hands the pending bytes to the workers as a block, then writes the blocks at the front that are done,
    /// waiting for the oldest while too many are in flight.
    private func submit(isLast: Bool) throws(RackError) {
        let block = GzipBlock(input: pending, dictionary: previous.suffix(Deflater.windowSize), isLast: isLast)
        previous = pending
        pending = []
        pending.reserveCapacity(blockSize)
        workers.enqueue(block)
        inFlight.append(block)
        while let oldest = inFlight.first, workers.isDone(oldest, waiting: inFlight.count > maximumInFlight) {
            try writeOldest()
        }
    }

    private func writeOldest() throws(RackError) {
        let block = inFlight.removeFirst()
        if let error = block.error { throw error }
        crc = UInt32(crc32_combine(UInt(crc), UInt(block.crc), block.input.count))
        length += block.input.count
        try emit(block.output)
    }

    /// Writes bytes of the stream, after the header if they are the first.
    private func emit(_ bytes: [UInt8]) throws(RackError) {
        if !headerWritten {
            headerWritten = true
            try emit(Self.header(level: level))
        }
        var failure: RackError?
        bytes.withUnsafeBytes { bytes in
            do throws(RackError) { try output(bytes) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// RFC 1952's header as gzip -n writes it: no name, no timestamp, Unix.
    static func header(level: Int) -> [UInt8] {
        let extraFlags: UInt8 = level == 9 ? 2 : level == 1 ? 4 : 0  // "slowest" and "fastest", as zlib marks them
        return [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, extraFlags, 3]
    }

    /// The CRC-32 of the whole input and its length modulo 2³², both little-endian.
    static func trailer(crc: UInt32, length: Int) -> [UInt8] {
        let littleEndian = { (value: UInt32) in (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        return littleEndian(crc) + littleEndian(UInt32(truncatingIfNeeded: length))
    }
}
