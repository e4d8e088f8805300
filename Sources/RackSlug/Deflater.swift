import CArchive
import RackCore

/// One libdeflate compressor, which makes a whole gzip member of a block. Not shared: each worker owns one.
final class Deflater {
    private let compressor: OpaquePointer
    private let header: [UInt8]

    /// - Throws: ``RackError`` `.internalError` when libdeflate refuses the level or has no memory.
    init(level: Int) throws(RackError) {
        guard let compressor = libdeflate_alloc_compressor(Int32(level)) else {
            throw RackError(.internalError, "libdeflate could not start a compressor at level \(level).")
        }
        self.compressor = compressor
        header = Self.header(level: level)
    }

    deinit { libdeflate_free_compressor(compressor) }

    /// `input` as one gzip member: the header `gzip -n` writes, the deflate stream, then the input's CRC-32
    /// and length. The same input and level always give the same bytes.
    func gzipMember(of input: [UInt8]) throws(RackError) -> [UInt8] {
        let bound = libdeflate_deflate_compress_bound(compressor, input.count)
        var deflated = 0
        let member = [UInt8](unsafeUninitializedCapacity: header.count + bound + 8) { buffer, count in
            _ = buffer.initialize(from: header)
            deflated = input.withUnsafeBytes { source in
                libdeflate_deflate_compress(
                    compressor, source.baseAddress, source.count, buffer.baseAddress! + header.count, bound)
            }
            let crc = input.withUnsafeBytes { libdeflate_crc32(0, $0.baseAddress, $0.count) }
            let trailer = Self.littleEndian(crc) + Self.littleEndian(UInt32(truncatingIfNeeded: input.count))
            _ = buffer[(header.count + deflated)...].initialize(from: trailer)
            count = header.count + deflated + trailer.count
        }
        guard deflated > 0 else {
            throw RackError(.internalError, "libdeflate could not deflate a \(input.count)-byte block.")
        }
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
