import CArchive
import Crypto
import Foundation
import RackCore

/// Packs a build directory into a slug: a gzip'd tar with every entry under `./app/`, streamed to a sink.
///
/// - Deterministic: entries sorted by name, times fixed, owner root, no gzip timestamp, so the same tree gives
///   the same bytes and the SHA-256 identifies the slug.
/// - Fast: libarchive writes the tar, and ``ParallelGzip`` compresses it on every core, 1 MiB blocks as gzip
///   members one after the other, whose bytes do not depend on the number of threads.
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
    /// How many threads deflate; the slug's bytes are the same whatever it is.
    public var threads: Int
    /// The time every entry carries.
    public static let fixedTime = 0

    public init(compressionLevel: Int = 6, threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.compressionLevel = compressionLevel
        self.threads = threads
    }

    /// - Throws: ``RackError`` `.invalidParams` when the slug is over `limit` (Heroku's message) or the level is
    ///   not 1 to 9, `.unavailable` when the sink fails, `.internalError` when the directory cannot be read.
    public func pack(directory: String, to sink: some SlugSink, limit: Int) throws(RackError) -> Slug {
        guard (1...9).contains(compressionLevel) else {
            throw RackError(.invalidParams, "The slug's gzip level is \(compressionLevel): use 1 to 9.")
        }
        let slug = SlugStream(sink: sink, limit: limit)
        let tar = TarStream(gzip: ParallelGzip(level: compressionLevel, threads: threads) { bytes throws(RackError) in
            try slug.write(bytes)
        })
        guard let archive = archive_write_new() else { throw RackError(.internalError, "libarchive could not start a slug.") }
        defer { archive_write_free(archive) }
        archive_write_set_format_pax_restricted(archive)
        // The plain tar, handed over as libarchive makes it: no blocking, no padding beyond the tar format's own.
        archive_write_set_bytes_per_block(archive, 0)

        let context = Unmanaged.passUnretained(tar).toOpaque()
        let opened = archive_write_open2(archive, context, nil, { _, context, buffer, length in
            let tar = Unmanaged<TarStream>.fromOpaque(context!).takeUnretainedValue()
            return tar.write(UnsafeRawBufferPointer(start: buffer, count: length)) ? length : -1
        }, nil, nil)
        guard opened == ARCHIVE_OK else { throw failure(archive, tar, "open the slug") }

        do throws(RackError) {
            try writeDirectoryEntry(archive, path: "./app/", mode: 0o755)
            try walk(archive, root: directory, relative: "")
            guard archive_write_close(archive) == ARCHIVE_OK else { throw failure(archive, tar, "finish the slug") }
            try tar.gzip.finish()
        } catch {
            sink.abandon()
            throw tar.error ?? error
        }
        guard slug.written <= limit else {
            sink.abandon()
            throw RackError(
                .invalidParams,
                "Compiled slug size: \(SlugSize.describe(slug.written)) is too large (max is \(SlugSize.describe(limit))).")
        }
        try sink.finish()
        return Slug(size: slug.written, sha256: Array(slug.hasher.finalize()).hexString)
    }

    /// Writes the entries under `root/relative`, sorted by byte order of their names.
    private func walk(_ archive: OpaquePointer, root: String, relative: String) throws(RackError) {
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
                try walk(archive, root: root, relative: entryRelative)
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

    private func failure(_ archive: OpaquePointer, _ tar: TarStream, _ what: String) -> RackError {
        if let error = tar.error { return error }
        let detail = archive_error_string(archive).map { String(cString: $0) } ?? "unknown error"
        return RackError(.internalError, "libarchive could not \(what): \(detail).")
    }

    /// What libarchive's write callback needs: the compressor the tar goes to, and the first error it threw
    /// (libarchive only hears that writing stopped).
    private final class TarStream {
        let gzip: ParallelGzip
        var error: RackError?

        init(gzip: ParallelGzip) { self.gzip = gzip }

        /// Compresses the next tar bytes. False stops libarchive.
        func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
            guard error == nil else { return false }
            do throws(RackError) { try gzip.write(bytes) } catch {
                self.error = error
                return false
            }
            return true
        }
    }

    /// Where the compressed bytes go: the sink while under the limit, with their running size and hash.
    private final class SlugStream {
        let sink: any SlugSink
        let limit: Int
        var written = 0
        var hasher = SHA256()

        init(sink: any SlugSink, limit: Int) {
            self.sink = sink
            self.limit = limit
        }

        /// Counts and hashes the bytes; forwards them while under the limit.
        func write(_ bytes: UnsafeRawBufferPointer) throws(RackError) {
            written += bytes.count
            guard written <= limit else { return }  // keep counting, stop storing
            hasher.update(bufferPointer: bytes)
            try sink.write(bytes)
        }
    }
}
