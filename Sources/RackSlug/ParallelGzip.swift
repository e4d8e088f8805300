import RackCore

/// A gzip stream compressed on several threads, with bytes that depend only on the input.
///
/// The input is cut into blocks of `blockSize` bytes, and each block becomes a whole gzip member, deflated by
/// libdeflate on one of the workers; the members are written in order. A gzip file may hold several members one
/// after the other (RFC 1952; `bgzip` makes such files), and gzip, GNU tar, Python's tarfile and Go read them
/// as one stream. Thread timing decides when a block is done, never its bytes: one
/// thread or eight give the same stream. At most `2 × threads + 2` blocks are in flight; ``write(_:)`` waits
/// for the oldest when more are, so memory stays flat however long the stream. Everything reaches `output` on
/// the caller's thread.
///
/// ```swift
/// let gzip = ParallelGzip(level: 6, threads: 2) { bytes throws(RackError) in try sink.write(bytes) }
/// try gzip.write(tarBytes)
/// try gzip.finish()
/// ```
final class ParallelGzip {
    /// Large enough that starting each block afresh costs next to nothing in size (0.1 % against 4 MiB).
    static let defaultBlockSize = 1 << 20

    private let blockSize: Int
    private let maximumInFlight: Int
    private let output: (UnsafeRawBufferPointer) throws(RackError) -> Void
    private let workers: DeflateWorkers
    /// The block being filled.
    private var pending: [UInt8] = []
    /// Handed to the workers, oldest first, not yet written.
    private var inFlight: [GzipBlock] = []
    private var submittedAny = false

    /// - Parameters:
    ///   - level: the gzip level, 1 (fast) to 9 (small).
    ///   - threads: how many blocks are compressed at once; the bytes do not depend on it.
    ///   - blockSize: where the input is cut; the bytes do depend on it.
    ///   - output: takes the gzip stream, in order; what it throws stops the stream.
    init(
        level: Int, threads: Int, blockSize: Int = ParallelGzip.defaultBlockSize,
        output: @escaping (UnsafeRawBufferPointer) throws(RackError) -> Void
    ) {
        precondition(blockSize > 0, "a block holds at least one byte")
        self.blockSize = blockSize
        self.maximumInFlight = 2 * max(threads, 1) + 2
        self.output = output
        workers = DeflateWorkers(count: max(threads, 1), level: level)
        pending.reserveCapacity(blockSize)
    }

    deinit { workers.stop() }

    /// Adds bytes to the stream; hands each block to the workers as it fills, and writes those done.
    ///
    /// - Throws: what `output` throws; ``RackError`` `.internalError` when libdeflate fails.
    func write(_ bytes: UnsafeRawBufferPointer) throws(RackError) {
        let bytes = bytes.assumingMemoryBound(to: UInt8.self)
        var offset = 0
        while offset < bytes.count {
            let count = min(blockSize - pending.count, bytes.count - offset)
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[offset..<offset + count]))
            offset += count
            if pending.count == blockSize { try submit() }
        }
    }

    /// Ends the stream: compresses what is left (an empty stream is one empty member) and writes every block.
    ///
    /// - Throws: what `output` throws; ``RackError`` `.internalError` when libdeflate fails.
    func finish() throws(RackError) {
        if !pending.isEmpty || !submittedAny { try submit() }
        while let oldest = inFlight.first {
            _ = workers.isDone(oldest, waiting: true)
            try writeOldest()
        }
        workers.stop()
    }

    /// Hands the pending bytes to the workers as a block, then writes the blocks at the front that are done,
    /// waiting for the oldest while too many are in flight.
    private func submit() throws(RackError) {
        let block = GzipBlock(input: pending)
        pending = []
        pending.reserveCapacity(blockSize)
        submittedAny = true
        workers.enqueue(block)
        inFlight.append(block)
        while let oldest = inFlight.first, workers.isDone(oldest, waiting: inFlight.count > maximumInFlight) {
            try writeOldest()
        }
    }

    private func writeOldest() throws(RackError) {
        let block = inFlight.removeFirst()
        if let error = block.error { throw error }
        var failure: RackError?
        block.member.withUnsafeBytes { member in
            do throws(RackError) { try output(member) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}
