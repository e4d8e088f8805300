import Foundation

/// Keys made by the real `ssh-keygen`, as a user would make them.
enum SSHKeyFile {
    /// Makes an ed25519 key pair at `path` (and `path.pub`) with a comment.
    static func make(at path: String, comment: String) throws {
        let result = try Shell.run("/usr/bin/ssh-keygen", ["-q", "-N", "", "-t", "ed25519", "-C", comment, "-f", path])
        guard result.succeeded else { throw RackTestFailure("ssh-keygen failed: \(result.stderr)") }
    }

    /// `SHA256:…` as `ssh-keygen -lf` prints it.
    static func fingerprint(of path: String) throws -> String {
        let result = try Shell.run("/usr/bin/ssh-keygen", ["-lf", path])
        return String(result.stdout.split(separator: " ")[1])
    }
}
