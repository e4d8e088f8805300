import Foundation
import RackBuild
import RackCore

/// Fetches buildpacks named by URL (`BUILDPACK_URL`, `.buildpacks`) once per URL#ref into Rack's buildpack
/// cache. git and curl run as the build user, outside the sandbox but with its permissions, so a `file://` URL
/// reaches only what any user may read, never Rack's files.
struct BuildpackFetcher {
    /// `HOME/buildpacks`: one directory per URL#ref, named by its cache key.
    let cacheDirectory: String
    /// The git config fetches run with (as their global config).
    var gitConfigPath: String { scratchDirectory + "/gitconfig" }
    /// Where fetches happen before they move into the cache (each fetch's own directory, the build user's).
    var scratchDirectory: String { cacheDirectory + "/.fetch" }
    let user: BuildUser
    /// The longest one fetch may take, in seconds.
    var timeout: TimeInterval = 300

    /// The buildpack's directory in the cache, fetching it first if needed.
    ///
    /// - Throws: ``RackError`` `.unavailable` naming the URL and what failed.
    func directory(for source: BuildpackSource) throws(RackError) -> String {
        let cached = cacheDirectory + "/" + source.cacheKey
        if FileManager.default.fileExists(atPath: cached + "/bin") { return cached }
        try BuildWorkspace.makeDirectory(cacheDirectory, mode: 0o755, owner: 0, group: 0)
        try BuildWorkspace.makeDirectory(scratchDirectory, mode: 0o711, owner: 0, group: 0)
        // A `file://` buildpack repository belongs to someone else: git's upload-pack would refuse it as of
        // dubious ownership unless the (global-scope) config says any repository may be read.
        let gitConfig = "[safe]\n\tdirectory = *\n[protocol \"ext\"]\n\tallow = never\n"
        guard FileManager.default.createFile(atPath: gitConfigPath, contents: Data(gitConfig.utf8), attributes: [.posixPermissions: 0o644]) else {
            throw RackError(.unavailable, "Cannot write \(gitConfigPath): check the disk.")
        }
        let staging = scratchDirectory + "/" + UUID().uuidString.lowercased()
        try BuildWorkspace.makeDirectory(staging, mode: 0o700, owner: user.uid, group: user.gid)
        defer { FileTree.remove(staging) }
        let fetched: String
        switch source {
        case .git(let url, let ref): fetched = try fetchGit(url: url, ref: ref, into: staging, naming: source)
        case .tarball(let url): fetched = try fetchTarball(url: url, into: staging, naming: source)
        }
        guard FileManager.default.fileExists(atPath: fetched + "/bin/compile") else {
            throw RackError(.invalidParams, "The buildpack \(source.description) has no bin/compile: is it a buildpack?")
        }
        FileTree.remove(fetched + "/.git")
        // Another build may have fetched it meanwhile: either copy is the same URL#ref.
        if rename(fetched, cached) != 0, !FileManager.default.fileExists(atPath: cached + "/bin") {
            throw RackError(.unavailable, "Cannot keep the buildpack \(source.description) in \(cacheDirectory): check the disk.")
        }
        return cached
    }

    private func fetchGit(url: String, ref: String?, into staging: String, naming source: BuildpackSource) throws(RackError) -> String {
        let target = staging + "/buildpack"
        try asBuildUser("/usr/bin/git", ["clone", "--quiet", "--", url, target], in: staging, failure: "Failed to download the buildpack \(source.description)")
        guard let ref else { return target }
        let candidates = ["refs/remotes/origin/\(ref)^{commit}", "refs/tags/\(ref)^{commit}", "\(ref)^{commit}"]
        for candidate in candidates {
            let resolved = runAsBuildUser("/usr/bin/git", ["-C", target, "rev-parse", "--verify", "--quiet", candidate], in: staging)
            let sha = resolved.output.trimmingCharacters(in: .whitespacesAndNewlines)
            guard resolved.status == 0, sha.count == 40 else { continue }
            try asBuildUser("/usr/bin/git", ["-C", target, "checkout", "--quiet", "--detach", sha], in: staging, failure: "Cannot check out \(ref) of the buildpack \(source.description)")
            return target
        }
        throw RackError(.invalidParams, "The buildpack \(source.description) has no branch, tag or commit \(ref).")
    }

    private func fetchTarball(url: String, into staging: String, naming source: BuildpackSource) throws(RackError) -> String {
        let archive = staging + "/buildpack.tgz"
        let target = staging + "/buildpack"
        try asBuildUser(
            "/usr/bin/curl", ["--fail", "--silent", "--show-error", "--location", "--max-time", "\(Int(timeout))",
                "--proto", "=https,http,file", "--max-filesize", "\(512 << 20)", "--output", archive, "--", url],
            in: staging, failure: "Failed to download the buildpack \(source.description)")
        try asBuildUser("/usr/bin/mkdir", ["-p", target], in: staging, failure: "Cannot unpack the buildpack \(source.description)")
        try asBuildUser(
            "/usr/bin/tar", ["-xzf", archive, "-C", target, "--no-same-owner", "--no-same-permissions"],
            in: staging, failure: "Cannot unpack the buildpack \(source.description): is it a .tgz?")
        // A tarball with one top-level directory holding the buildpack (as GitHub's archives are) is that directory.
        if !FileManager.default.fileExists(atPath: target + "/bin"),
            let entries = try? FileManager.default.contentsOfDirectory(atPath: target), entries.count == 1,
            FileManager.default.fileExists(atPath: target + "/" + entries[0] + "/bin")
        {
            return target + "/" + entries[0]
        }
        return target
    }

    private func asBuildUser(_ executable: String, _ arguments: [String], in directory: String, failure: String) throws(RackError) {
        let result = runAsBuildUser(executable, arguments, in: directory)
        guard result.status == 0 else {
            let detail = result.output.split(whereSeparator: \.isNewline).last.map { ": \($0.prefix(300))" } ?? ""
            throw RackError(.unavailable, failure + detail)
        }
    }

    private func runAsBuildUser(_ executable: String, _ arguments: [String], in directory: String) -> (status: Int32, output: String) {
        let deadline = Date().addingTimeInterval(timeout)
        let environment = ChildProcess.plainEnvironment.merging([
            "GIT_TERMINAL_PROMPT": "0", "GIT_SSH_COMMAND": "ssh -o BatchMode=yes", "GIT_CONFIG_GLOBAL": gitConfigPath,
            "GIT_CONFIG_NOSYSTEM": "1",
        ]) { $1 }
        do {
            let child = try ChildProcess(
                "/usr/bin/setpriv",
                ["--reuid", "\(user.uid)", "--regid", "\(user.gid)", "--clear-groups", "--no-new-privs", "--", executable] + arguments,
                environment: environment, workingDirectory: directory)
            var output: [UInt8] = []
            let status = child.run(shouldStop: { Date() > deadline }) { chunk in if output.count < 65536 { output += chunk } }
            if Date() > deadline { return (124, "it took longer than \(Int(timeout)) s") }
            return (status, String(decoding: output, as: UTF8.self))
        } catch {
            return (127, error.message)
        }
    }
}
