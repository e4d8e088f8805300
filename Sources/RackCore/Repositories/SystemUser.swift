import Foundation

/// A user of this machine, e.g. the `git` user sshd serves pushes as.
public struct SystemUser: Hashable, Sendable {
    public var name: String
    public var uid: uid_t
    public var gid: gid_t
    public var homeDirectory: String

    /// - Throws: ``RackError`` `.internalError` when no such user exists, saying how to make one.
    public static func named(_ name: String) throws(RackError) -> SystemUser {
        guard let entry = getpwnam(name) else {
            throw RackError(
                .internalError,
                "There is no system user \(name): create it with `useradd -m -s /bin/sh \(name) && usermod -p '*' \(name)` (install.sh does).")
        }
        return SystemUser(
            name: name, uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid,
            homeDirectory: String(cString: entry.pointee.pw_dir))
    }
}
