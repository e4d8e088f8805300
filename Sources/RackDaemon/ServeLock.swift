import Foundation
import RackCore

/// The `flock` on `HOME/rackd.lock` that the running `rackd serve` holds: a second `rackd serve` of the same
/// home, or a master key rotation while it runs, is refused. The kernel releases it when rackd ends, however.
struct ServeLock {
    let descriptor: Int32

    /// - Throws: ``RackError`` `.conflict` when a `rackd serve` holds it.
    init(home: RackHome, purpose: String) throws(RackError) {
        descriptor = open(home.serveLockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw RackError(.internalError, "Cannot open \(home.serveLockPath) (\(String(cString: strerror(errno)))).")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw RackError(.conflict, "A rackd serve is running with the home \(home.path): \(purpose).")
        }
    }
}
