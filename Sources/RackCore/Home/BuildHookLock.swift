import Glibc

/// The lock a push's hook holds for as long as it runs the build's side of the push (`builds/ID.hook`). The
/// kernel drops it when the hook ends, however it ends, so the build runner can tell that a hook was killed
/// before it reached the runner (while it checked the commit out, say) and end that build itself.
///
/// ```swift
/// let lock = try BuildHookLock.hold(at: home.hookLockPath(buildID: id))   // the hook
/// defer { lock.release() }
/// BuildHookLock.isHeld(at: path)                                        // the runner
/// ```
public struct BuildHookLock {
    public let path: String
    let descriptor: Int32

    /// Takes the lock. The file is made and locked under a temporary name, then renamed into place, so that no one
    /// ever sees it unlocked while its hook runs. Not inherited by the hook's children.
    public static func hold(at path: String) throws(RackError) -> BuildHookLock {
        let temporary = path + ".new"
        let descriptor = open(temporary, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw RackError(.unavailable, "Cannot create the build's lock (\(String(cString: strerror(errno)))): check the disk.")
        }
        guard flock(descriptor, LOCK_EX) == 0, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            unlink(temporary)
            throw RackError(.unavailable, "Cannot take the build's lock (\(reason)): check the disk.")
        }
        return BuildHookLock(path: path, descriptor: descriptor)
    }

    /// Removes the file, then drops the lock: a hook that ends normally leaves nothing for the runner to find.
    public func release() {
        unlink(path)
        close(descriptor)
    }

    /// Whether a hook holds the lock at `path` now: false when there is no such file or no one holds it.
    public static func isHeld(at path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return flock(descriptor, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK
    }
}
