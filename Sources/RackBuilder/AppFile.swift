import Foundation
import RackCore

/// Reads the files of a checkout that Rack itself interprets (Procfile, `.slugignore`, `.buildpacks`) as root,
/// safely: only regular files at the top of the app, never through a symlink, never larger than their limit.
enum AppFile {
    /// The file's text; nil when the app has no such file.
    ///
    /// - Throws: ``RackError`` `.invalidParams` for a symlink, a non-regular file or one over `largest` bytes.
    static func read(_ name: String, in appDirectory: String, largest: Int) throws(RackError) -> String? {
        let descriptor = open(appDirectory + "/" + name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            if errno == ELOOP { throw RackError(.invalidParams, "\(name) is a symlink: Rack reads it only as a plain file in the app's root.") }
            throw RackError(.invalidParams, "Cannot read \(name) (\(String(cString: strerror(errno)))).")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw RackError(.invalidParams, "\(name) is not a plain file.")
        }
        guard Int(status.st_size) <= largest else {
            throw RackError(.invalidParams, "\(name) is larger than \(largest / 1024) KiB.")
        }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var offset = 0
        while offset < bytes.count {
            let got = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { break }
            offset += got
        }
        return String(decoding: bytes[0..<offset], as: UTF8.self)
    }
}
