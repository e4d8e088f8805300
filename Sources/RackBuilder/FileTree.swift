import Foundation
import RackCore

/// Whole-tree operations the runner does in-process (a build pays for every process it starts): walk a tree, give
/// it to a user, copy it, remove it. Symlinks are handled as links, never followed, and no operation leaves the
/// tree's file system; nothing else runs in the tree meanwhile.
enum FileTree {
    /// `chown -R -h`: `root` and every entry under it to `user`.
    static func give(_ root: String, to user: BuildUser) throws(RackError) {
        var failure = lchown(root, user.uid, user.gid) == 0 ? nil : root
        walk(root) { relative, _ in
            if lchown(root + "/" + relative, user.uid, user.gid) != 0, failure == nil { failure = relative }
            return true
        }
        if let failure { throw RackError(.unavailable, "Cannot give \(failure) to the build user (\(String(cString: strerror(errno)))).") }
    }

    /// `rm -rf --one-file-system`: `path` and, for a directory, everything under it (a mount point inside is left).
    static func remove(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            unlink(path)
            return
        }
        walk(path, childrenFirst: true) { relative, child in
            let entry = path + "/" + relative
            if child.st_mode & S_IFMT == S_IFDIR { rmdir(entry) } else { unlink(entry) }
            return true
        }
        rmdir(path)
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

    /// Visits every entry under `root` by its path relative to it (`dir/file`) in name order, parents first (or,
    /// with `childrenFirst`, after their children), never following symlinks or leaving the file system; `visit`
    /// returns false to skip an entry's children (parents first only).
    static func walk(_ root: String, childrenFirst: Bool = false, visit: (_ relative: String, _ status: stat) -> Bool) {
        var status = stat()
        guard lstat(root, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return }
        walk(root, relative: "", device: status.st_dev, childrenFirst: childrenFirst, visit: visit)
    }

    private static func walk(
        _ root: String, relative: String, device: dev_t, childrenFirst: Bool, visit: (String, stat) -> Bool
    ) {
        let directory = relative.isEmpty ? root : root + "/" + relative
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted() {
            let path = relative.isEmpty ? name : relative + "/" + name
            var status = stat()
            guard lstat(root + "/" + path, &status) == 0, status.st_dev == device else { continue }
            let isDirectory = status.st_mode & S_IFMT == S_IFDIR
            if childrenFirst {
                if isDirectory { walk(root, relative: path, device: device, childrenFirst: true, visit: visit) }
                _ = visit(path, status)
            } else if visit(path, status), isDirectory {
                walk(root, relative: path, device: device, childrenFirst: false, visit: visit)
            }
        }
    }
}
