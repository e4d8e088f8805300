import Foundation
import RackCore

/// Lays out what the SSH gate needs in a rack's home before sshd starts: directories with the owners and modes
/// sshd and the SSH user need, the gate's binaries, the host key, `gate.json` and sshd's config.
///
/// Layout (the home itself 0711: the SSH user may pass through, not look around):
/// - `ssh/` root:USER 0750 — `sshd_config`, host key (0600), `gate.json` (0640), `bin/rack-keys`, `bin/rack-serve`, `hooks/`
/// - `repos/` USER 0700 — one bare repository per app, its push lock and the gate's log
struct SSHGateSetup {
    let home: RackHome
    let user: SystemUser
    /// Where `rack-keys` and `rack-serve` were built (beside `rackd`).
    let binariesDirectory: String

    /// Prepares everything but `gate.json` (which needs the API's address: see ``writeGateSettings(_:)``).
    ///
    /// - Throws: ``RackError`` with what to fix: a home sshd will refuse, a missing binary, a failed ssh-keygen.
    func prepare() throws(RackError) {
        guard ForcedCommandLine.isSafe(home.path) else {
            throw RackError(
                .invalidParams,
                "The home \(home.path) has characters an authorized_keys command cannot hold: use letters, digits, /, ., _ and -.")
        }
        try checkAncestorsAreRootOnly()
        chmod(home.path, 0o711)
        try makeDirectory(home.sshDirectory, mode: 0o750, owner: 0, group: user.gid)
        try makeDirectory(home.sshDirectory + "/bin", mode: 0o755, owner: 0, group: 0)
        try makeDirectory(home.hooksDirectory, mode: 0o755, owner: 0, group: 0)
        try makeDirectory(home.repositoriesDirectory, mode: 0o700, owner: user.uid, group: user.gid)
        for binary in ["rack-keys", "rack-serve", "rack-hook"] { try install(binary) }
        try installPreReceiveHook()
        try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
    }

    /// Writes `gate.json` (root:USER 0640), atomically.
    func writeGateSettings(_ settings: GateSettings) throws(RackError) {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let temporary = home.gateSettingsPath + ".new"
            FileManager.default.createFile(atPath: temporary, contents: try encoder.encode(settings), attributes: [.posixPermissions: 0o640])
            chown(temporary, 0, user.gid)
            chmod(temporary, 0o640)
            guard rename(temporary, home.gateSettingsPath) == 0 else { throw RackError(.internalError, "rename: errno \(errno)") }
        } catch {
            throw RackError(.internalError, "Cannot write \(home.gateSettingsPath): check the disk.", cause: error)
        }
    }

    /// sshd refuses an AuthorizedKeysCommand under a directory anyone but root may write to (such as /tmp).
    private func checkAncestorsAreRootOnly() throws(RackError) {
        var path = home.path
        while true {
            var status = stat()
            guard stat(path, &status) == 0 else { throw RackError(.internalError, "Cannot inspect \(path).") }
            if path != home.path, status.st_uid != 0 || status.st_mode & 0o022 != 0 {
                throw RackError(
                    .invalidParams,
                    "sshd refuses to run Rack's key lookup under \(path): it must be owned by root and writable by root only. Put the home under /var/lib (e.g. --home /var/lib/rack).")
            }
            if path == "/" { return }
            path = (path as NSString).deletingLastPathComponent
        }
    }

    private func makeDirectory(_ path: String, mode: mode_t, owner: uid_t, group: gid_t) throws(RackError) {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw RackError(.internalError, "Cannot create \(path).", cause: error)
        }
        guard chown(path, owner, group) == 0, chmod(path, mode) == 0 else {
            throw RackError(.internalError, "Cannot set the owner and mode of \(path): rackd must run as root to serve SSH.")
        }
    }

    /// Puts a gate binary into `ssh/bin` (root 0755) unless the same one is there already: a hard link when the
    /// source is root's, writable by root only and on the same file system (instant, and as safe as a copy, since
    /// sshd's checks hold for the one file either way), else a copy.
    private func install(_ name: String) throws(RackError) {
        let source = binariesDirectory + "/" + name
        let target = home.sshDirectory + "/bin/" + name
        let manager = FileManager.default
        guard manager.isExecutableFile(atPath: source) else {
            throw RackError(.internalError, "\(source) is missing: build it with `swift build` (rackd looks beside itself).")
        }
        var sourceStatus = stat()
        var targetStatus = stat()
        guard stat(source, &sourceStatus) == 0 else { throw RackError(.internalError, "Cannot read \(source) (errno \(errno)).") }
        if stat(target, &targetStatus) == 0, targetStatus.st_dev == sourceStatus.st_dev, targetStatus.st_ino == sourceStatus.st_ino { return }
        if manager.contentsEqual(atPath: source, andPath: target) { return }
        let temporary = target + ".new"
        try? manager.removeItem(atPath: temporary)
        let onlyRootWrites = sourceStatus.st_uid == 0 && sourceStatus.st_mode & 0o022 == 0 && sourceStatus.st_mode & 0o005 == 0o005
        if !(onlyRootWrites && link(source, temporary) == 0) {
            do { try manager.copyItem(atPath: source, toPath: temporary) } catch {
                throw RackError(.internalError, "Cannot copy \(source) into \(target).", cause: error)
            }
            chown(temporary, 0, 0)
            chmod(temporary, 0o755)
        }
        guard rename(temporary, target) == 0 else { throw RackError(.internalError, "Cannot install \(target) (errno \(errno)).") }
    }

    /// `hooks/pre-receive` (root 0755): runs `rack-hook` for every push.
    private func installPreReceiveHook() throws(RackError) {
        let path = home.hooksDirectory + "/pre-receive"
        let script = "#!/bin/sh\n# Rack's builder: every push to an app runs it (core.hooksPath); written by rackd.\nexec \(home.sshDirectory)/bin/rack-hook\n"
        let temporary = path + ".new"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(script.utf8)), chown(temporary, 0, 0) == 0,
            chmod(temporary, 0o755) == 0, rename(temporary, path) == 0
        else { throw RackError(.internalError, "Cannot install the pre-receive hook \(path).") }
    }

    /// Creates sshd's host key on first start; kept in the home so clients see the same host across restarts.
    func ensureHostKey(at path: String) throws(RackError) {
        guard !FileManager.default.fileExists(atPath: path) else { return }
        let result = ProcessRunner.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "rack", "-f", path])
        guard result.status == 0 else {
            throw RackError(.internalError, "ssh-keygen could not make the host key \(path): \(result.output)")
        }
    }
}
