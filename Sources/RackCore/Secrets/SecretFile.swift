import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A file of random bytes that only its owner may read, created atomically the first time it is needed.
public struct SecretFile: Sendable {
    public let path: String
    public let byteCount: Int

    public init(path: String, byteCount: Int) {
        self.path = path
        self.byteCount = byteCount
    }

    /// Reads the secret, creating it (mode 0600, `O_EXCL`, so two starts never make two secrets) if absent.
    ///
    /// - Throws: ``RackError`` `.internalError` when the file cannot be made or read, has the wrong size,
    ///   or can be read by others than its owner.
    public func loadOrCreate() throws(RackError) -> [UInt8] {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            let bytes = SymmetricKey(size: SymmetricKeySize(bitCount: byteCount * 8)).withUnsafeBytes { Array($0) }
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            let synced = fsync(descriptor)
            close(descriptor)
            guard written == byteCount, synced == 0 else {
                unlink(path)
                throw RackError(.internalError, "Cannot write the secret file \(path): check free disk space.")
            }
            return bytes
        }
        guard errno == EEXIST else {
            throw RackError(
                .internalError, "Cannot create the secret file \(path) (\(String(cString: strerror(errno)))): check the directory's owner and permissions.")
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw RackError(.internalError, "Cannot read the secret file \(path): check its owner.")
        }
        guard status.st_mode & 0o077 == 0 else {
            throw RackError(
                .internalError,
                "The secret file \(path) can be read by others: run `chmod 600 \(path)` and check who read it.")
        }
        guard let data = FileManager.default.contents(atPath: path), data.count == byteCount else {
            throw RackError(
                .internalError, "The secret file \(path) is unreadable or not \(byteCount) bytes long: restore it from a backup.")
        }
        return Array(data)
    }

    /// Reads an existing secret (mode checked as by ``loadOrCreate()``).
    public func load() throws(RackError) -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw RackError(.internalError, "The secret file \(path) is missing: restore it from a backup.")
        }
        return try loadOrCreate()
    }

    /// Writes a fresh random secret to the file, which must not exist yet (mode 0600, synced).
    public func create() throws(RackError) -> [UInt8] {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw RackError(.internalError, "\(path) exists already: remove it if no rotation is running.")
        }
        return try loadOrCreate()
    }
}
