import Foundation
import RackCore

/// Whole-tree operations the runner does in-process (a build pays for every process it starts): give a tree to
/// a user, copy a tree. Symlinks are handled as links, never followed; nothing else runs in the tree meanwhile.
enum FileTree {
    /// `chown -R -h`: every entry under `root` (and `root`) to `user`.
    static func give(_ root: String, to user: BuildUser) throws(RackError) {
        var failure: String?
        walk(root) { path, _ in
            if lchown(path, user.uid, user.gid) != 0, failure == nil { failure = path }
        }
        if let failure { throw RackError(.unavailable, "Cannot give \(failure) to the build user (\(String(cString: strerror(errno)))).") }
    }

    /// Copies `source` to `target` (which must not exist): directories, regular files with their modes, symlinks
    /// as symlinks; everything owned by `user`. Other kinds of files are left out.
    static func copy(_ source: String, to target: String, owner user: BuildUser) throws(RackError) {
        var status = stat()
        guard lstat(source, &status) == 0 else { throw RackError(.unavailable, "Cannot read \(source) (\(String(cString: strerror(errno)))).") }
        let mode = status.st_mode & 0o7777 & ~0o6000
        switch status.st_mode & S_IFMT {
        case S_IFDIR:
            guard mkdir(target, 0o700) == 0 else { throw RackError(.unavailable, "Cannot create \(target) (\(String(cString: strerror(errno)))).") }
            for name in (try? FileManager.default.contentsOfDirectory(atPath: source)) ?? [] {
                try copy(source + "/" + name, to: target + "/" + name, owner: user)
            }
            chmod(target, mode)
        case S_IFREG:
            try copyFile(source, to: target, mode: mode)
        case S_IFLNK:
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: source), symlink(destination, target) == 0 else {
                throw RackError(.unavailable, "Cannot copy the symlink \(source).")
            }
        default:
            return
        }
        lchown(target, user.uid, user.gid)
    }

    private static func copyFile(_ source: String, to target: String, mode: mode_t) throws(RackError) {
        let input = open(source, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard input >= 0 else { throw RackError(.unavailable, "Cannot read \(source) (\(String(cString: strerror(errno)))).") }
        defer { close(input) }
        let output = open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard output >= 0 else { throw RackError(.unavailable, "Cannot create \(target) (\(String(cString: strerror(errno)))): check the disk.") }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let got = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress!, $0.count) }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { break }
            var offset = 0
            while offset < got {
                let written = buffer.withUnsafeBytes { write(output, $0.baseAddress! + offset, got - offset) }
                guard written > 0 else { throw RackError(.unavailable, "Cannot write \(target) (\(String(cString: strerror(errno)))): check the disk.") }
                offset += written
            }
        }
        fchmod(output, mode)
    }

    /// Visits `root` and everything under it, parents first, without following symlinks or leaving the file system.
    static func walk(_ root: String, visit: (String, stat) -> Void) {
        var status = stat()
        guard lstat(root, &status) == 0 else { return }
        visit(root, status)
        guard status.st_mode & S_IFMT == S_IFDIR else { return }
        let device = status.st_dev
        for name in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] {
            var child = stat()
            let path = root + "/" + name
            guard lstat(path, &child) == 0, child.st_dev == device else { continue }
            walk(path, visit: visit)
        }
    }
}
