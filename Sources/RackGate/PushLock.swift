import Foundation
import RackCore

/// One push per app at a time: an exclusive `flock` on a file beside the app's repository.
///
/// The kernel drops the lock when the last process holding the file exits, however it exits (kill -9,
/// a dropped connection), so a dead push never leaves a lock behind. The descriptor is inherited across
/// `posix_spawn`, so the lock lasts exactly as long as `git receive-pack` and its hooks.
struct PushLock {
    let path: String

    /// Takes the lock, waiting for it up to `timeout` seconds; `onWait` runs once if it has to wait.
    ///
    /// - Returns: the descriptor that holds the lock (kept open, not close-on-exec).
    /// - Throws: ``RackError`` `.unavailable` when the wait runs out.
    func acquire(timeout: Double, onWait: () -> Void) throws(RackError) -> Int32 {
        let descriptor = open(path, O_RDWR | O_CREAT, 0o600)
        guard descriptor >= 0 else {
            throw RackError(.internalError, "Cannot open the push lock \(path) (errno \(errno)).")
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return descriptor }
        onWait()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            usleep(100_000)
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return descriptor }
        }
        close(descriptor)
        throw RackError(.unavailable, "Another push is still running after \(Int(timeout)) s")
    }
}
