import Foundation
import RackCore

/// The directories of one build on the host: the checkout (`builds/ID`, from the hook), the app's cache, and the
/// runner's own `work/ID/env` and `work/ID/buildpacks`. Removed when the build ends, however it ends; the cache stays.
struct BuildWorkspace {
    let appDirectory: String
    let cacheDirectory: String
    let workDirectory: String
    let buildUser: BuildUser
    var envDirectory: String { workDirectory + "/env" }
    var buildpacksDirectory: String { workDirectory + "/buildpacks" }

    /// Takes over the hook's checkout: checks it is a plain directory of the SSH user's, makes the runner's
    /// directories and gives the checkout, the cache and the buildpack copies to the build user.
    ///
    /// - Throws: ``RackError`` `.internalError` when the checkout is not where and what it should be.
    init(home: RackHome, buildID: String, appID: String, sshUser: SystemUser, buildUser: BuildUser) throws(RackError) {
        appDirectory = try home.buildPath(buildID: buildID)
        cacheDirectory = try home.cachePath(appID: appID)
        workDirectory = home.buildWorkDirectory + "/" + buildID
        self.buildUser = buildUser
        var status = stat()
        guard lstat(appDirectory, &status) == 0, status.st_mode & S_IFMT == S_IFDIR, status.st_uid == sshUser.uid else {
            throw RackError(.internalError, "The checkout of build \(buildID) is missing or not the SSH user's: push again.")
        }
        try Self.makeDirectory(workDirectory, mode: 0o700, owner: 0, group: 0)
        try Self.makeDirectory(workDirectory + "/env", mode: 0o755, owner: 0, group: 0)
        try Self.makeDirectory(workDirectory + "/buildpacks", mode: 0o755, owner: buildUser.uid, group: buildUser.gid)
        try Self.makeDirectory(cacheDirectory, mode: 0o700, owner: buildUser.uid, group: buildUser.gid)
        try FileTree.give(appDirectory, to: buildUser)
        chmod(appDirectory, 0o755)
    }

    /// Writes the config vars as ENV_DIR: one file per var, named by it, holding its value.
    func writeEnvironment(_ config: [String: String]) throws(RackError) {
        for (name, value) in config {
            _ = try ConfigVarName(validating: name)
            let path = envDirectory + "/" + name
            guard FileManager.default.createFile(atPath: path, contents: Data(value.utf8), attributes: [.posixPermissions: 0o644]) else {
                throw RackError(.unavailable, "Cannot write the build's env dir under \(workDirectory): check the disk.")
            }
        }
    }

    /// Copies a buildpack directory in as `/buildpacks/N`, owned by the build user (a buildpack may write its
    /// `export` file into its own directory).
    func addBuildpack(from source: String, index: Int) throws(RackError) -> String {
        let target = buildpacksDirectory + "/\(index)"
        do { try FileTree.copy(source, to: target, owner: buildUser) } catch {
            throw RackError(.unavailable, "Cannot copy the buildpack \(source): \(error.message)")
        }
        return BuildSandbox.buildpacksPath + "/\(index)"
    }

    /// Removes the checkout and the runner's directories (never following symlinks).
    func remove() {
        Self.removeCheckout(appDirectory)
        FileTree.remove(workDirectory)
    }

    /// Removes a build's checkout and what a hook killed meanwhile left beside it: its lock and its index.
    static func removeCheckout(_ appDirectory: String) {
        FileTree.remove(appDirectory)
        for leftover in [".hook", ".index"] { unlink(appDirectory + leftover) }
    }

    static func makeDirectory(_ path: String, mode: mode_t, owner: uid_t, group: gid_t) throws(RackError) {
        if mkdir(path, mode) != 0, errno != EEXIST {
            throw RackError(.unavailable, "Cannot create \(path) (\(String(cString: strerror(errno)))): check the disk.")
        }
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR, chown(path, owner, group) == 0, chmod(path, mode) == 0 else {
            throw RackError(.unavailable, "Cannot set up \(path): rackd must run as root to build.")
        }
    }
}
