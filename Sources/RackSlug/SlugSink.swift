import Foundation
import RackCore

/// Where slug bytes go as they are made: a file, later a storage upload. Nothing holds the whole slug.
public protocol SlugSink: AnyObject {
    /// Takes the next bytes of the slug.
    func write(_ bytes: UnsafeRawBufferPointer) throws(RackError)
    /// The slug is complete.
    func finish() throws(RackError)
    /// The slug will not be completed (too large, or packing failed): drop what was written.
    func abandon()
}

/// Writes a slug to a file, under a temporary name until it is finished.
public final class FileSlugSink: SlugSink {
    public let path: String
    private let temporaryPath: String
    private let descriptor: Int32

    public init(path: String) throws(RackError) {
        self.path = path
        temporaryPath = path + ".partial"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw RackError(.unavailable, "Cannot create \(temporaryPath) (\(String(cString: strerror(errno)))): check the disk.")
        }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(RackError) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw RackError(.unavailable, "Cannot write the slug (\(String(cString: strerror(errno)))): check free disk space.")
            }
            offset += written
        }
    }

    public func finish() throws(RackError) {
        guard fsync(descriptor) == 0, close(descriptor) == 0, rename(temporaryPath, path) == 0 else {
            unlink(temporaryPath)
            throw RackError(.unavailable, "Cannot store the slug at \(path) (\(String(cString: strerror(errno)))).")
        }
    }

    public func abandon() {
        close(descriptor)
        unlink(temporaryPath)
    }
}
