import CArchive
import RackCore

/// One zlib raw-deflate stream, reset for every block it compresses. Not shared: each worker owns one.
final class Deflater {
    /// deflate's window; a block is primed with at most this much of the input before it.
    static let windowSize = 32 << 10

    private let stream: UnsafeMutablePointer<z_stream>

    /// - Throws: ``RackError`` `.internalError` when zlib refuses the level or has no memory.
    init(level: Int) throws(RackError) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // Negative window bits: raw deflate, no zlib header; the gzip header and trailer are ParallelGzip's.
        let status = deflateInit2_(
            stream, Int32(level), Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deallocate()
            throw RackError(
                .internalError, "zlib could not start a deflate stream at level \(level) (status \(status)).")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    /// Deflates `input` as one piece of a longer raw deflate stream.
    ///
    /// - Parameters:
    ///   - dictionary: the input just before this block (up to ``windowSize`` bytes), so matches can reach back
    ///     into it as they would in a single stream.
    ///   - last: true ends the deflate stream; false ends the piece with a sync flush, on a byte boundary, so the
    ///     next piece can follow it directly.
    /// - Returns: the compressed bytes; the same input, dictionary and level always give the same bytes.
    func deflate(_ input: [UInt8], dictionary: ArraySlice<UInt8>, last: Bool) throws(RackError) -> [UInt8] {
        guard deflateReset(stream) == Z_OK else {
            throw RackError(.internalError, "zlib could not reset a deflate stream.")
        }
        if !dictionary.isEmpty {
            let status = dictionary.withUnsafeBufferPointer {
                deflateSetDictionary(stream, $0.baseAddress, UInt32($0.count))
            }
            guard status == Z_OK else {
                throw RackError(.internalError, "zlib refused a deflate dictionary (status \(status)).")
            }
        }
        // deflateBound covers a whole stream in one call; a sync flush adds at most an empty stored block.
        let capacity = Int(deflateBound(stream, UInt(input.count))) + 64
        var status = Z_OK
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            input.withUnsafeBufferPointer { source in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.pointee.avail_in = UInt32(source.count)
                stream.pointee.next_out = buffer.baseAddress
                stream.pointee.avail_out = UInt32(buffer.count)
                status = CArchive.deflate(stream, last ? Z_FINISH : Z_SYNC_FLUSH)
            }
            count = buffer.count - Int(stream.pointee.avail_out)
        }
        let complete = last ? status == Z_STREAM_END : status == Z_OK && stream.pointee.avail_out > 0
        guard complete, stream.pointee.avail_in == 0 else {
            throw RackError(.internalError, "zlib could not deflate a \(input.count)-byte block (status \(status)).")
        }
        return output
    }
}
