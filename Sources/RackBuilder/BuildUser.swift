import Foundation
import RackCore

/// The unprivileged user untrusted build code runs as: neither root nor the SSH user.
struct BuildUser: Sendable, Hashable {
    static let defaultName = "rack-build"

    let name: String
    let uid: uid_t
    let gid: gid_t

    /// - Throws: ``RackError`` `.unavailable` when the user does not exist or is root or the SSH user.
    init(named name: String, sshUser: SystemUser?) throws(RackError) {
        guard let entry = getpwnam(name) else {
            throw RackError(
                .unavailable,
                "The build user \(name) does not exist: create it with `useradd --system --shell /usr/sbin/nologin \(name)` (scripts/install-dependencies.sh does).")
        }
        self.name = name
        uid = entry.pointee.pw_uid
        gid = entry.pointee.pw_gid
        guard uid != 0, uid != sshUser?.uid else {
            throw RackError(.unavailable, "The build user \(name) must be neither root nor the SSH user.")
        }
    }
}
