import CArchive
import RackCore

/// One block of a ``ParallelGzip`` stream: its input and the input just before it, then, once a worker has
/// deflated it, its compressed bytes and the CRC-32 of its input.
///
/// The input is set when the block is made and never changes. The results are written by the one worker that
/// takes the block, before ``DeflateWorkers`` marks it done under its lock, and read by the writer only after
/// it has seen the block done under the same lock.
final class GzipBlock: @unchecked Sendable {
    let input: [UInt8]
    /// The end of the previous block's input, for matches that reach back across the cut.
    let dictionary: ArraySlice<UInt8>
    /// The last block ends the deflate stream; every other one ends with a sync flush.
    let isLast: Bool

    private(set) var output: [UInt8] = []
    private(set) var crc: UInt32 = 0
    private(set) var error: RackError?
    /// Set, and read, under ``DeflateWorkers``' lock.
    var isDone = false

    init(input: [UInt8], dictionary: ArraySlice<UInt8>, isLast: Bool) {
        self.input = input
        self.dictionary = dictionary
        self.isLast = isLast
    }

    /// Deflates the input and takes its CRC-32; a failure is kept for the writer to throw.
    func compress(with deflater: Result<Deflater, RackError>) {
        do throws(RackError) {
            output = try deflater.get().deflate(input, dictionary: dictionary, last: isLast)
            crc = input.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
        } catch {
            self.error = error
        }
    }
}
