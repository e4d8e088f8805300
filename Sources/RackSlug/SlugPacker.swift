import CArchive
import Crypto
import Foundation
import RackCore

/// Packs a build directory into a slug: a gzip'd tar with every entry under `./app/`, streamed to a sink.
///
/// - Deterministic: entries sorted by name, times fixed, owner root, no gzip timestamp, so the same tree gives
///   the same bytes and the SHA-256 identifies the slug.
/// - `.git` (at any depth) is left out; modes and symlinks are kept; other special files are skipped.
/// - Capped while streaming: past the limit nothing more reaches the sink, which is abandoned; packing goes on
///   only to count, so the error can say how large the slug would have been.
///
/// ```swift
/// let slug = try SlugPacker().pack(directory: buildDir, to: FileSlugSink(path: "slug.tgz"), limit: 500 << 20)
/// ```
public struct SlugPacker: Sendable {
    /// gzip level, 1 (fast) to 9 (small); 6 is gzip's and Heroku's default.
    public var compressionLevel: Int
    /// The time every entry carries.
    public static let fixedTime = 0

    public init(compressionLevel: Int = 6) {
        self.compressionLevel = compressionLevel
    }

    /// - Throws: ``RackError`` `.invalidParams` when the slug is over `limit` (Heroku's message), `.unavailable`
    ///   when the sink fails, `.internalError` when the directory cannot be read.
    public func pack(directory: String, to sink: some SlugSink, limit: Int) throws(RackError) -> Slug {
        let output = StreamState(sink: sink, limit: limit)
        guard let archive = archive_write_new() else { throw RackError(.internalError, "libarchive could not start a slug.") }
        defer { archive_write_free(archive) }
        archive_write_set_format_pax_restricted(archive)
        archive_write_add_filter_gzip(archive)
        archive_write_set_filter_option(archive, "gzip", "compression-level", "\(compressionLevel)")
        archive_write_set_filter_option(archive, "gzip", "timestamp", nil)
        // Whole blocks as libarchive fills them; no padding of the last block beyond the tar format's own.
        archive_write_set_bytes_in_last_block(archive, 1)

        let context = Unmanaged.passUnretained(output).toOpaque()
        let opened = archive_write_open2(archive, context, nil, { _, context, buffer, length in
            let state = Unmanaged<StreamState>.fromOpaque(context!).takeUnretainedValue()
            return state.accept(UnsafeRawBufferPointer(start: buffer, count: length)) ? length : -1
        }, nil, nil)
        guard opened == ARCHIVE_OK else { throw failure(archive, output, "open the slug") }

        do throws(RackError) {
            try writeDirectoryEntry(archive, path: "./app/", mode: 0o755)
            try walk(archive, root: directory, relative: "", output: output)
            guard archive_write_close(archive) == ARCHIVE_OK else { throw failure(archive, output, "finish the slug") }
        } catch {
            sink.abandon()
            throw output.sinkError ?? error
        }
        if let sinkError = output.sinkError {
            sink.abandon()
            throw sinkError
        }
        guard output.written <= limit else {
            sink.abandon()
            throw RackError(
                .invalidParams,
                "Compiled slug size: \(SlugSize.describe(output.written)) is too large (max is \(SlugSize.describe(limit))).")
        }
        try sink.finish()
        return Slug(size: output.written, sha256: Array(output.hasher.finalize()).hexString)
    }

    /// Writes the entries under `root/relative`, sorted by byte order of their names.
    private func walk(_ archive: OpaquePointer, root: String, relative: String, output: StreamState) throws(RackError) {
        let directory = relative.isEmpty ? root : root + "/" + relative
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw RackError(.internalError, "Cannot read \(directory) to pack the slug.", cause: error)
        }
        for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) where name != ".git" {
            let path = directory + "/" + name
            let entryRelative = relative.isEmpty ? name : relative + "/" + name
            var status = stat()
            guard lstat(path, &status) == 0 else { throw RackError(.internalError, "Cannot stat \(path).") }
            let mode = Int32(status.st_mode & 0o7777)
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                try writeDirectoryEntry(archive, path: "./app/\(entryRelative)/", mode: mode)
                try walk(archive, root: root, relative: entryRelative, output: output)
            case S_IFREG:
                try writeFile(archive, from: path, entryPath: "./app/\(entryRelative)", mode: mode, size: Int64(status.st_size))
            case S_IFLNK:
                try writeSymlink(archive, from: path, entryPath: "./app/\(entryRelative)")
            default:
                continue  // sockets, fifos and devices have no place in a slug
            }
        }
    }

    private func entry(path: String, type: mode_t, mode: Int32) -> OpaquePointer {
        let entry = archive_entry_new()!
        archive_entry_set_pathname(entry, path)
        archive_entry_set_filetype(entry, UInt32(type))
        archive_entry_set_perm(entry, mode_t(mode))
        archive_entry_set_uid(entry, 0)
        archive_entry_set_gid(entry, 0)
        archive_entry_set_uname(entry, "root")
        archive_entry_set_gname(entry, "root")
        archive_entry_set_mtime(entry, SlugPacker.fixedTime, 0)
        return entry
    }

    private func writeDirectoryEntry(_ archive: OpaquePointer, path: String, mode: Int32) throws(RackError) {
        let header = entry(path: path, type: S_IFDIR, mode: mode)
        defer { archive_entry_free(header) }
        guard archive_write_header(archive, header) == ARCHIVE_OK else { throw RackError(.internalError, "Cannot add \(path) to the slug.") }
    }

    private func writeSymlink(_ archive: OpaquePointer, from path: String, entryPath: String) throws(RackError) {
        var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(path, &target, target.count - 1)
        guard length >= 0 else { throw RackError(.internalError, "Cannot read the symlink \(path).") }
        let header = entry(path: entryPath, type: S_IFLNK, mode: 0o777)
        defer { archive_entry_free(header) }
        archive_entry_set_symlink(header, String(decoding: target[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self))
        guard archive_write_header(archive, header) == ARCHIVE_OK else { throw RackError(.internalError, "Cannot add \(entryPath) to the slug.") }
    }

    private func writeFile(_ archive: OpaquePointer, from path: String, entryPath: String, mode: Int32, size: Int64) throws(RackError) {
        let file = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard file >= 0 else { throw RackError(.internalError, "Cannot read \(path) to pack the slug.") }
        defer { close(file) }
        let header = entry(path: entryPath, type: S_IFREG, mode: mode)
        defer { archive_entry_free(header) }
        archive_entry_set_size(header, size)
        guard archive_write_header(archive, header) == ARCHIVE_OK else { throw RackError(.internalError, "Cannot add \(entryPath) to the slug.") }
        var remaining = size
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 256 * 1024, alignment: 16)
        defer { buffer.deallocate() }
        // Exactly the size the header announced: a file that changes while it is packed cannot corrupt the tar.
        while remaining > 0 {
            let count = read(file, buffer, Int(min(Int64(256 * 1024), remaining)))
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw RackError(.internalError, "\(path) changed while the slug was packed.") }
            guard archive_write_data(archive, buffer, count) == count else {
                throw RackError(.internalError, "Cannot add \(entryPath) to the slug.")
            }
            remaining -= Int64(count)
        }
    }

    private func failure(_ archive: OpaquePointer, _ output: StreamState, _ what: String) -> RackError {
        if let sinkError = output.sinkError { return sinkError }
        let detail = archive_error_string(archive).map { String(cString: $0) } ?? "unknown error"
        return RackError(.internalError, "libarchive could not \(what): \(detail).")
    }

    /// What the write callback needs: the sink, the running size and hash, and the first sink error.
    private final class StreamState {
        let sink: any SlugSink
        let limit: Int
        var written = 0
        var hasher = SHA256()
        var sinkError: RackError?

        init(sink: any SlugSink, limit: Int) {
            self.sink = sink
            self.limit = limit
        }

        /// Counts and hashes the bytes; forwards them while under the limit. False stops libarchive.
        func accept(_ bytes: UnsafeRawBufferPointer) -> Bool {
            written += bytes.count
            guard sinkError == nil else { return false }
            guard written <= limit else { return true }  // keep counting, stop storing
            hasher.update(bufferPointer: bytes)
            do { try sink.write(bytes) } catch {
                sinkError = error
                return false
            }
            return true
        }
    }
}
