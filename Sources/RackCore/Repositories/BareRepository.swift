import Foundation

/// An app's bare git repository under the rack's home, made and configured by Rack.
///
/// Its config is Rack's: the repository's own hooks never run (`core.hooksPath` points at Rack's hooks
/// when git runs), and pushes that rewrite history or delete refs are git's defaults to allow, since
/// Heroku allows force pushes.
public struct BareRepository: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public var exists: Bool { FileManager.default.fileExists(atPath: path + "/HEAD") }

    /// Creates the repository if it does not exist yet; with `owner`, hands it to that uid and gid.
    ///
    /// - Throws: ``RackError`` `.internalError` when git cannot make it.
    public func ensureExists(owner: (uid: uid_t, gid: gid_t)? = nil) throws(RackError) {
        guard !exists else { return }
        let parent = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        // Made beside its final place and renamed into it, so that a half-made repository is never found.
        let staging = path + ".new-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: staging) }
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        git.arguments = ["init", "--quiet", "--bare", "--initial-branch=master", staging]
        git.standardOutput = FileHandle.nullDevice
        git.standardError = FileHandle.nullDevice
        git.environment = ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent"]
        do { try git.run() } catch {
            throw RackError(.internalError, "Cannot run git to create \(path): is git installed?", cause: error)
        }
        git.waitUntilExit()
        guard git.terminationStatus == 0 else {
            throw RackError(.internalError, "git init failed for \(path): check the disk and the directory's owner.")
        }
        // The sample hooks git copies in are never run; remove them so nobody thinks they are.
        try? FileManager.default.removeItem(atPath: staging + "/hooks")
        if let owner { try BareRepository.changeOwner(of: staging, to: owner) }
        if rename(staging, path) != 0, !exists {
            throw RackError(.internalError, "Cannot move the new repository into \(path) (errno \(errno)).")
        }
    }

    /// Removes the repository and everything in it.
    public func destroy() {
        try? FileManager.default.removeItem(atPath: path)
    }

    private static func changeOwner(of root: String, to owner: (uid: uid_t, gid: gid_t)) throws(RackError) {
        var paths = [root]
        if let enumerator = FileManager.default.enumerator(atPath: root) {
            while let relative = enumerator.nextObject() as? String { paths.append(root + "/" + relative) }
        }
        for path in paths where lchown(path, owner.uid, owner.gid) != 0 {
            throw RackError(.internalError, "Cannot hand \(path) to uid \(owner.uid) (errno \(errno)).")
        }
    }
}
