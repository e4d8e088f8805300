import Foundation
import Testing

/// A rack that builds: `rackd serve --ssh` with the fixture buildpacks of `Tests/Fixtures/buildpacks` installed
/// (in the order below), alice signed in with her key, and helpers to make apps, push them and look at what
/// the push made.
struct BuildingRack {
    /// The fixture buildpacks, in detection order.
    static let installed = ["plain", "also-plain", "probe", "empty-release", "failing", "big", "slow"]
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/buildpacks").path

    let setup: SSHGateTests.Setup
    var rack: RunningRack { setup.rack }
    var alice: CLIUser { setup.alice }
    /// Alice's git (after a restart of rackd, one for its new SSH port).
    let git: GitClient

    init(installed: [String] = BuildingRack.installed, extraArguments: [String] = [], homeSize: String? = nil) throws {
        let buildpacks = installed.flatMap { ["--buildpack", Self.fixtures + "/" + $0] }
        setup = try SSHGateTests.Setup(extraArguments: buildpacks + extraArguments, homeSize: homeSize)
        git = setup.aliceGit
    }

    /// A rack with the buildpacks it was started with (those Rack ships, unless told otherwise).
    init(setup: SSHGateTests.Setup, git: GitClient? = nil) {
        self.setup = setup
        self.git = git ?? setup.aliceGit
    }

    /// Creates an app of alice's and a repository for it with `files` committed; returns the repository's path.
    func app(_ name: String, files: [String: String], executable: [String] = []) throws -> String {
        if name != "alices-app" { try #require(try alice.run("apps:create", name, "--no-remote").succeeded) }
        let directory = git.home + "/" + name
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try git.git("init", "-q", "-b", "master", in: directory)
        try git.git("remote", "add", "rack", git.url(name), in: directory)
        try commit(files, executable: executable, in: directory, message: "Initial version of \(name)")
        return directory
    }

    /// Writes files (creating their directories) and commits them all; returns the commit's sha.
    @discardableResult
    func commit(_ files: [String: String], executable: [String] = [], in directory: String, message: String = "Change") throws -> String {
        for (path, content) in files {
            let full = directory + "/" + path
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try content.write(toFile: full, atomically: true, encoding: .utf8)
        }
        for path in executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory + "/" + path) }
        try git.git("add", "-A", in: directory)
        let committed = try git.git("commit", "-q", "--allow-empty", "-m", message, in: directory)
        try #require(committed.succeeded, "\(committed.stderr)")
        return try head(of: directory)
    }

    func head(of directory: String) throws -> String {
        try git.git("rev-parse", "HEAD", in: directory).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `git push rack REFSPEC`: what the user sees (git prints the remote's lines on stderr).
    func push(_ directory: String, _ refspec: String = "master", force: Bool = false) throws -> CommandResult {
        try Shell.run("git", ["push"] + (force ? ["--force"] : []) + ["rack", refspec], environment: git.environment, directory: directory)
    }

    /// The commit a branch of the app's repository on the rack points at; nil when it has no such branch.
    func remoteBranch(_ app: String, _ branch: String = "master") throws -> String? {
        let result = try git.git("ls-remote", git.url(app), "refs/heads/\(branch)")
        let sha = result.stdout.split(separator: "\t").first.map(String.init)
        return sha?.count == 40 ? sha : nil
    }

    /// `rack releases --json`, newest first, as JSON objects.
    func releases(_ app: String) throws -> [[String: Any]] {
        let result = try alice.run("releases", "-a", app, "--json")
        try #require(result.succeeded, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
    }

    /// `rack releases:info VERSION --json`: the release and its config snapshot.
    func releaseInfo(_ app: String, _ version: String) throws -> (release: [String: Any], config: [String: String]) {
        let result = try alice.run("releases:info", version, "-a", app, "--json")
        try #require(result.succeeded, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        return (object["release"] as? [String: Any] ?? [:], object["config_vars"] as? [String: String] ?? [:])
    }

    /// `rack builds --json`, as JSON objects.
    func builds(_ app: String) throws -> [[String: Any]] {
        let result = try alice.run("builds", "-a", app, "--json")
        try #require(result.succeeded, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
    }

    /// The app's newest build once it has ended (waiting up to 15 s): its status (nil if it has not ended) and its
    /// output as `rack builds:logs` prints it.
    func endedBuild(_ app: String) throws -> (status: String?, output: String) {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if let build = try builds(app).max(by: { ($0["created_at"] as? String ?? "") < ($1["created_at"] as? String ?? "") }),
                let status = build["status"] as? String, !["pending", "building"].contains(status), let id = build["id"] as? String
            {
                return (status, try alice.run("builds:logs", id, "-a", app).stdout)
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return (nil, "")
    }

    /// The slug files the rack stores.
    func storedSlugs() throws -> [String] {
        try Shell.run("/usr/bin/find", [rack.home + "/slugs", "-type", "f"]).stdout.split(separator: "\n").map(String.init)
    }

    /// The stored slug file of a release (its slug id is its storage key).
    func slugPath(of release: [String: Any]) -> String? {
        guard let slug = release["slug"] as? [String: Any], let id = slug["id"] as? String else { return nil }
        return rack.home + "/slugs/" + id
    }

    /// `tar tvzf` of a slug: one line an entry.
    func slugListing(_ path: String) throws -> [String] {
        let listing = try Shell.run("/usr/bin/tar", ["-tvzf", path])
        try #require(listing.succeeded, "\(listing.stderr)")
        return listing.stdout.split(separator: "\n").map(String.init)
    }

    /// Makes a git repository of a fixture buildpack under the rack's scratch dir; returns its path.
    func buildpackRepository(_ fixture: String, named name: String? = nil) throws -> String {
        let directory = rack.scratch + "/buildpack-repos/" + (name ?? fixture)
        try FileManager.default.createDirectory(atPath: (directory as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let copied = try Shell.run("/usr/bin/cp", ["-R", Self.fixtures + "/" + fixture, directory])
        try #require(copied.succeeded, "\(copied.stderr)")
        try git.git("init", "-q", "-b", "master", in: directory)
        try git.git("add", "-A", in: directory)
        try git.git("commit", "-q", "-m", "buildpack", in: directory)
        return directory
    }

    /// `rackd apps:limits APP …` as the operator.
    func setLimits(_ app: String, _ options: String...) throws {
        try setLimits(app, options)
    }

    func setLimits(_ app: String, _ options: [String]) throws {
        let result = try Shell.run(rack.rackd, ["apps:limits", app, "--home", rack.home] + options)
        try #require(result.succeeded, "\(result.stderr)")
    }

    /// Checks that nothing of the app's builds is left: no cgroup (so no process: a group with processes cannot be
    /// removed), no checkout or scratch directory, no mount under the rack's home. The runner clears up just
    /// after it answers the push, so this waits up to 10 s for it.
    func expectNothingLeftBehind(_ app: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let ids = try builds(app).compactMap { $0["id"] as? String }
        #expect(!ids.isEmpty, sourceLocation: sourceLocation)
        var left: [String] = []
        let deadline = Date().addingTimeInterval(10)
        repeat {
            left = try leftovers(of: ids)
            if left.isEmpty { return }
            Thread.sleep(forTimeInterval: 0.1)
        } while Date() < deadline
        Issue.record("left behind: \(left)", sourceLocation: sourceLocation)
    }

    /// What builds `ids` left: cgroups, directories, mounts, processes.
    private func leftovers(of ids: [String]) throws -> [String] {
        var left: [String] = []
        let groups = try Shell.run("/usr/bin/find", ["/sys/fs/cgroup", "-maxdepth", "8", "-type", "d", "-name", "rack-build-*"]).stdout
        left += ids.filter { groups.contains($0) }.map { "the cgroup of build \($0)" }
        for directory in ["builds", "work"] {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: rack.home + "/" + directory)) ?? []
            left += entries.filter { !$0.hasPrefix(".") }.map { "\(directory)/\($0)" }
        }
        let mounts = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
        if mounts.contains(rack.home + "/") { left.append("a mount under the rack's home") }
        let processes = try Shell.run("/usr/bin/pgrep", ["-f", rack.home + "/(builds|work)/"]).stdout
        if !processes.isEmpty { left.append("processes \(processes)") }
        return left
    }
}
