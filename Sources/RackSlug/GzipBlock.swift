import RackCore

/// One block of a ``ParallelGzip`` stream: its input, then, once a worker has compressed it, its gzip member.
///
/// The input is set when the block is made and never changes. The results are written by the one worker that
/// takes the block, before ``DeflateWorkers`` marks it done under its lock, and read by the writer only after
/// it has seen the block done under the same lock.
final class GzipBlock: @unchecked Sendable {
    let input: [UInt8]

    private(set) var member: [UInt8] = []
    private(set) var error: RackError?
    /// Set, and read, under ``DeflateWorkers``' lock.
    var isDone = false

    init(input: [UInt8]) { self.input = input }

    /// Makes the block's gzip member; a failure is kept for the writer to throw.
    func compress(with deflater: Result<Deflater, RackError>) {
        do throws(RackError) { member = try deflater.get().gzipMember(of: input) } catch { self.error = error }
    }
}
