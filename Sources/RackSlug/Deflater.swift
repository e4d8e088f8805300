import CArchive
import RackCore

/// One libdeflate compressor, which makes a whole gzip member of a block. Not shared: each worker owns one.
final class Deflater {
    private let compressor: OpaquePointer
    private let header: [UInt8]
    /// Where each block is deflated, reused; a member is copied out at its own size, so a block that compresses
    /// well holds little memory while it waits to be written.
    private var scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 0)

    /// - Throws: ``RackError`` `.internalError` when libdeflate refuses the level or has no memory.
    init(level: Int) throws(RackError) {
        guard let compressor = libdeflate_alloc_compressor(Int32(level)) else {
            throw RackError(.internalError, "libdeflate could not start a compressor at level \(level).")
        }
        self.compressor = compressor
        header = Self.header(level: level)
    }

    deinit {
        libdeflate_free_compressor(compressor)
        scratch.deallocate()
    }

    /// `input` as one gzip member: the header `gzip -n` writes, the deflate stream, then the input's CRC-32
    /// and length. The same input and level always give the same bytes.
    func gzipMember(of input: [UInt8]) throws(RackError) -> [UInt8] {
        let bound = libdeflate_deflate_compress_bound(compressor, input.count)
        if scratch.count < bound {
            scratch.deallocate()
            scratch = .allocate(capacity: bound)
        }
        let deflated = input.withUnsafeBytes {
            libdeflate_deflate_compress(compressor, $0.baseAddress, $0.count, scratch.baseAddress, scratch.count)
        }
        guard deflated > 0 else {
            throw RackError(.internalError, "libdeflate could not deflate a \(input.count)-byte block.")
        }
        let crc = input.withUnsafeBytes { libdeflate_crc32(0, $0.baseAddress, $0.count) }
        var member: [UInt8] = []
        member.reserveCapacity(header.count + deflated + 8)
        member += header
        member += UnsafeBufferPointer(rebasing: scratch[..<deflated])
        member += Self.littleEndian(crc) + Self.littleEndian(UInt32(truncatingIfNeeded: input.count))
        return member
    }

    /// RFC 1952's header as `gzip -n` writes it: no name, no timestamp, Unix; the extra flags say "slowest"
    /// or "fastest" as gzip's do.
    static func header(level: Int) -> [UInt8] {
        let extraFlags: UInt8 = level == 9 ? 2 : level == 1 ? 4 : 0
        return [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, extraFlags, 3]
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
}
