import Foundation
import Testing

/// Pushes that build: buildpacks chosen, run in the sandbox, slugs packed and stored, releases made, through a
/// real sshd, git, bubblewrap and rackd, with the fixture buildpacks of `Tests/Fixtures/buildpacks`.
@Suite struct BuildTests {
    // MARK: Detection

    @Test func aDetectedBuildpackBuildsTheAppAndThePushReleasesIt() throws {
        let rack = try BuildingRack()
        let repository = try rack.app("alices-app", files: ["probe.txt": "probe\n"])
        let push = try rack.push(repository)
        #expect(push.succeeded, "\(push.stderr)")
        for line in [
            "-----> Building on the Heroku-24 stack", "-----> Probe app detected", "-----> Probing the sandbox",
            "-----> Discovering process types", "Default types for buildpack -> web, worker", "-----> Compressing...",
            "       Done: ", "       Released v2", "[new branch]      master -> master",
        ] {
            #expect(push.stderr.contains(line), "missing \(line) in:\n\(push.stderr)")
        }
        #expect(try rack.remoteBranch("alices-app") == (try rack.head(of: repository)))
        let release = try #require(try rack.releases("alices-app").first { $0["version"] as? Int == 2 })
        #expect(release["commit"] as? String == (try rack.head(of: repository)))
        #expect(rack.slugPath(of: release).map { FileManager.default.fileExists(atPath: $0) } == true)
        let build = try #require(try rack.builds("alices-app").first)
        #expect(build["status"] as? String == "succeeded")
        #expect(build["release_version"] as? Int == 2)
        #expect((build["source_blob"] as? [String: Any])?["version_description"] as? String == "Initial version of alices-app")
    }

    @Test func severalMatchingBuildpacksWarnAndTheFirstInOrderWins() throws {
        let rack = try BuildingRack()
        let push = try rack.push(try rack.app("alices-app", files: ["plain.txt": "x\n"]))
        #expect(push.succeeded, "\(push.stderr)")
        #expect(push.stderr.contains("Multiple default buildpacks reported the ability to handle this app"))
        #expect(push.stderr.contains("Detected buildpacks: Plain, AlsoPlain"))
        #expect(push.stderr.contains("-----> Plain app detected"))
        #expect(push.stderr.contains("Plain compile (no bin/release)"))
        #expect(!push.stderr.contains("AlsoPlain compile"))
    }

    @Test func anAppNoBuildpackDetectsIsRejectedAndNothingMoves() throws {
        let rack = try BuildingRack()
        let push = try rack.push(try rack.app("alices-app", files: ["unknown.txt": "?\n"]))
        #expect(!push.succeeded)
        #expect(push.stderr.contains(" !     Unable to select a buildpack"))
        #expect(push.stderr.contains(" !     Push rejected, failed to compile alices-app app."))
        #expect(push.stderr.contains("[remote rejected] master -> master"))
        #expect(try rack.remoteBranch("alices-app") == nil)
        #expect(try rack.releases("alices-app").count == 1)
        #expect(try rack.builds("alices-app").first?["status"] as? String == "failed")
    }

    // MARK: BUILDPACK_URL and .buildpacks

    @Test func buildpackURLFetchesAGitRepositoryAtABranchATagAndACommit() throws {
        let rack = try BuildingRack()
        let buildpack = try rack.buildpackRepository("versioned")
        try "tagged\n".write(toFile: buildpack + "/VERSION", atomically: true, encoding: .utf8)
        try rack.git.git("commit", "-q", "-am", "tagged", in: buildpack)
        try rack.git.git("tag", "v1", in: buildpack)
        try rack.git.git("checkout", "-q", "-b", "stable", in: buildpack)
        try "on-branch\n".write(toFile: buildpack + "/VERSION", atomically: true, encoding: .utf8)
        try rack.git.git("commit", "-q", "-am", "branch", in: buildpack)
        try rack.git.git("checkout", "-q", "master", in: buildpack)
        try "at-commit\n".write(toFile: buildpack + "/VERSION", atomically: true, encoding: .utf8)
        try rack.git.git("commit", "-q", "-am", "commit", in: buildpack)
        let sha = try rack.head(of: buildpack)
        try "newer\n".write(toFile: buildpack + "/VERSION", atomically: true, encoding: .utf8)
        try rack.git.git("commit", "-q", "-am", "newer", in: buildpack)

        let repository = try rack.app("alices-app", files: ["app.txt": "1\n"])
        for (ref, version) in [("v1", "tagged"), ("stable", "on-branch"), (sha, "at-commit")] {
            try #require(try rack.alice.run("config:set", "BUILDPACK_URL=file://\(buildpack)#\(ref)", "-a", "alices-app").succeeded)
            try rack.commit(["app.txt": ref], in: repository)
            let push = try rack.push(repository)
            #expect(push.succeeded, "\(push.stderr)")
            #expect(push.stderr.contains("-----> Using buildpack: file://\(buildpack)#\(ref)"))
            #expect(push.stderr.contains("buildpack version: \(version)"), "\(ref): \(push.stderr)")
        }
    }

    @Test func buildpackURLFetchesATarball() throws {
        let rack = try BuildingRack()
        let tarball = rack.rack.scratch + "/versioned.tgz"
        let packed = try Shell.run("/usr/bin/tar", ["-czf", tarball, "-C", BuildingRack.fixtures + "/versioned", "."])
        try #require(packed.succeeded)
        let repository = try rack.app("alices-app", files: ["app.txt": "1\n"])
        try #require(try rack.alice.run("config:set", "BUILDPACK_URL=file://\(tarball)", "-a", "alices-app").succeeded)
        let push = try rack.push(repository)
        #expect(push.succeeded, "\(push.stderr)")
        #expect(push.stderr.contains("buildpack version: unset"))
        #expect(push.stderr.contains("-----> Versioned app detected"))
    }

    @Test func anUnreachableBuildpackURLRejectsThePushNamingIt() throws {
        let rack = try BuildingRack()
        let repository = try rack.app("alices-app", files: ["probe.txt": "1\n"])
        try #require(try rack.alice.run("config:set", "BUILDPACK_URL=file:///nonexistent/buildpack.git", "-a", "alices-app").succeeded)
        let push = try rack.push(repository)
        #expect(!push.succeeded)
        #expect(push.stderr.contains(" !     Failed to download the buildpack file:///nonexistent/buildpack.git"), "\(push.stderr)")
        #expect(push.stderr.contains("[remote rejected] master -> master"))
        #expect(try rack.remoteBranch("alices-app") == nil)
    }

    @Test func dotBuildpacksRunsEveryBuildpackInOrderAndTheSecondSeesTheFirstsExport() throws {
        let rack = try BuildingRack()
        let first = try rack.buildpackRepository("exporter")
        let second = try rack.buildpackRepository("importer")
        let listed = "# two buildpacks\n\nfile://\(first)\nfile://\(second)\n"
        let push = try rack.push(try rack.app("alices-app", files: [".buildpacks": listed]))
        #expect(push.succeeded, "\(push.stderr)")
        let output = push.stderr
        let exporter = try #require(output.range(of: "Exporter compile"))
        let importer = try #require(output.range(of: "Importer compile"))
        #expect(exporter.lowerBound < importer.lowerBound)
        #expect(output.contains("FROM_FIRST=exported-by-first"))
    }

    // MARK: The sandbox and the environment

    @Test func compileSeesConfigAsEnvDirFilesInACleanEnvironmentInASandbox() throws {
        let rack = try BuildingRack()
        let repository = try rack.app("alices-app", files: ["probe.txt": "1\n"])
        let set = try rack.alice.run(
            "config:set", "DATABASE_URL=postgres://db/x", "RACK_HOME_TO_PROBE=\(rack.rack.home)", "-a", "alices-app")
        try #require(set.succeeded)
        let push = try rack.push(repository)
        #expect(push.succeeded, "\(push.stderr)")
        let output = push.stderr
        #expect(output.contains("env-file DATABASE_URL=postgres://db/x"))
        #expect(output.contains("env-dir=DATABASE_URL RACK_HOME_TO_PROBE"))
        #expect(output.contains("source-version=\(try rack.head(of: repository))"))
        #expect(output.contains("stack=heroku-24"))
        // Nothing but the documented variables (and what sh itself sets) in the environment.
        let names = try #require(output.split(separator: "\n").first { $0.contains("env-names=") })
        let variables = Set(names.split(separator: "=", maxSplits: 1)[1].split(separator: " ").map(String.init))
        #expect(variables.isSubset(of: ["HOME", "LANG", "PATH", "PWD", "SHLVL", "SOURCE_VERSION", "STACK", "OLDPWD", "_"]), "\(variables)")
        #expect(!variables.contains("DATABASE_URL"))
        // Not root, no shadow file, no Rack home, only its own processes.
        let uid = try #require(output.split(separator: "\n").first { $0.contains("uid=") }.flatMap { Int($0.split(separator: "=").last!.trimmingCharacters(in: .whitespaces)) })
        #expect(uid != 0)
        #expect(uid != Int(getpwnam("git")!.pointee.pw_uid))
        #expect(output.contains("shadow=unreadable"))
        #expect(output.contains("rack-home=invisible"))
        let processes = try #require(output.split(separator: "\n").first { $0.contains("processes=") }.flatMap { Int($0.split(separator: "=").last!.trimmingCharacters(in: .whitespaces)) })
        #expect(processes < 10, "the sandbox saw \(processes) processes")
    }

    @Test func theCacheSurvivesFromOnePushToTheNext() throws {
        let rack = try BuildingRack()
        let repository = try rack.app("alices-app", files: ["probe.txt": "1\n"])
        let first = try rack.push(repository)
        #expect(first.stderr.contains("cache-before=none"), "\(first.stderr)")
        let firstSHA = try rack.head(of: repository)
        try rack.commit(["probe.txt": "2\n"], in: repository)
        let second = try rack.push(repository)
        #expect(second.succeeded, "\(second.stderr)")
        #expect(second.stderr.contains("cache-before=pushed \(firstSHA)"), "\(second.stderr)")

        // Destroying the app takes its cache and slugs with it.
        let appID = try #require(try rack.releases("alices-app").first.flatMap { ($0["app"] as? [String: Any])?["id"] as? String })
        #expect(FileManager.default.fileExists(atPath: rack.rack.home + "/cache/" + appID))
        #expect(FileManager.default.fileExists(atPath: rack.rack.home + "/slugs/" + appID))
        try #require(try rack.alice.run("apps:destroy", "alices-app", "--confirm", "alices-app").succeeded)
        #expect(!FileManager.default.fileExists(atPath: rack.rack.home + "/cache/" + appID))
        #expect(!FileManager.default.fileExists(atPath: rack.rack.home + "/slugs/" + appID))
    }

    @Test func outputReachesTheUserWhileTheBuildRuns() throws {
        let rack = try BuildingRack()
        let repository = try rack.app("alices-app", files: ["slow.txt": "1\n"])
        let push = try BackgroundPush(rack, repository: repository, started: "first line at")
        // The first line arrives while the build still sleeps before its second.
        #expect(!push.outputWhenStarted.contains("second line at"))
        #expect(push.waitForEnd() == 0)
    }

    // MARK: Release output and process types

    @Test func releaseYAMLGivesProcessTypesAndConfigVarsThatNeverOverrideTheUsers() throws {
        let rack = try BuildingRack()
        let repository = try rack.app("alices-app", files: ["probe.txt": "1\n"])
        try #require(try rack.alice.run("config:set", "GREETING=mine", "-a", "alices-app").succeeded)
        let push = try rack.push(repository)
        #expect(push.succeeded, "\(push.stderr)")
        let latest = try #require(try rack.releases("alices-app").map { $0["version"] as? Int ?? 0 }.max())
        let (release, config) = try rack.releaseInfo("alices-app", "v\(latest)")
        #expect(release["process_types"] as? [String: String] == ["web": "bin/built --web", "worker": "bin/built --worker"])
        #expect(config["GREETING"] == "mine")
        #expect(config["FROM_BUILDPACK"] == "yes")
    }

    @Test func aProcfileOverridesTheBuildpacksDefaults() throws {
        let rack = try BuildingRack()
        let repository = try rack.app("alices-app", files: ["probe.txt": "1\n", "Procfile": "# processes\r\nweb: ./serve --port $PORT\r\n\r\nclock: ./tick\r\n"])
        let push = try rack.push(repository)
        #expect(push.succeeded, "\(push.stderr)")
        #expect(push.stderr.contains("Procfile declares types -> web, clock"))
        let (release, _) = try rack.releaseInfo("alices-app", "v2")
        #expect(release["process_types"] as? [String: String] == ["web": "./serve --port $PORT", "clock": "./tick", "worker": "bin/built --worker"])
    }

    @Test func aMissingOrEmptyReleaseScriptIsValid() throws {
        let rack = try BuildingRack()
        let plain = try rack.push(try rack.app("alices-app", files: ["plain.txt": "1\n", "Procfile": "web: ./run\n"]))
        #expect(plain.succeeded, "\(plain.stderr)")
        #expect(plain.stderr.contains("Procfile declares types -> web"))
        let empty = try rack.push(try rack.app("empty-app", files: ["empty.txt": "1\n"]))
        #expect(empty.succeeded, "\(empty.stderr)")
        #expect(empty.stderr.contains("Default types for buildpack -> (none)"))
        #expect(empty.stderr.contains("Released v2"))
    }

    @Test func submodulesAreNotFetchedAndThePushSaysSo() throws {
        let rack = try BuildingRack()
        let modules = "[submodule \"vendor/lib\"]\n\tpath = vendor/lib\n\turl = https://example.com/lib.git\n"
        let push = try rack.push(try rack.app("alices-app", files: ["plain.txt": "1\n", ".gitmodules": modules]))
        #expect(push.succeeded, "\(push.stderr)")
        #expect(push.stderr.contains(" !     This app has git submodules (see .gitmodules): Rack does not fetch submodules yet"))
    }

    @Test func aMalformedProcfileRejectsThePushSayingWhichLine() throws {
        let rack = try BuildingRack()
        let repository = try rack.app("alices-app", files: ["plain.txt": "1\n", "Procfile": "web: ./run\nthis line has no colon\n"])
        let push = try rack.push(repository)
        #expect(!push.succeeded)
        #expect(push.stderr.contains("line 2"), "\(push.stderr)")
        #expect(push.stderr.contains("Push rejected, failed to compile Plain app."))
        #expect(try rack.remoteBranch("alices-app") == nil)
    }

    // MARK: Slugs

    @Test func slugIgnoreRemovesWhatItNamesBeforeTheBuild() throws {
        let rack = try BuildingRack()
        let ignore = "# not needed at runtime\n\n/secret.txt\n*.log\ndocs\n"
        let repository = try rack.app(
            "alices-app",
            files: [
                "probe.txt": "1\n", ".slugignore": ignore, "secret.txt": "top\n", "lib/secret.txt": "kept: not anchored here\n",
                "build.log": "x\n", "lib/deep/trace.log": "x\n", "docs/guide.md": "x\n", "lib/docs/api.md": "x\n",
            ])
        let push = try rack.push(repository)
        #expect(push.succeeded, "\(push.stderr)")
        // The build itself did not see them.
        #expect(push.stderr.contains("slugignored=./lib/secret.txt "), "\(push.stderr)")
        let release = try #require(try rack.releases("alices-app").first { $0["version"] as? Int == 2 })
        let slug = try #require(rack.slugPath(of: release))
        let entries = try rack.slugListing(slug).map { $0.split(separator: " ").last.map(String.init) ?? "" }
        #expect(entries.contains("./app/lib/secret.txt"))
        #expect(entries.contains("./app/probe.txt"))
        for gone in ["./app/secret.txt", "./app/build.log", "./app/lib/deep/trace.log", "./app/docs/guide.md", "./app/lib/docs/api.md"] {
            #expect(!entries.contains(gone), "\(gone) should be ignored")
        }
    }

    @Test func theSlugIsADeterministicAppTreeWithModesAndSymlinksAndNoGit() throws {
        let rack = try BuildingRack()
        let files = ["probe.txt": "1\n", "bin/run": "#!/bin/sh\necho run\n"]
        let first = try rack.app("alices-app", files: files, executable: ["bin/run"])
        #expect(try rack.push(first).succeeded)
        // The same commit, pushed to a second app.
        try #require(try rack.alice.run("apps:create", "second-app", "--no-remote").succeeded)
        try rack.git.git("remote", "add", "second", rack.git.url("second-app"), in: first)
        let again = try Shell.run("git", ["push", "second", "master"], environment: rack.git.environment, directory: first)
        #expect(again.succeeded, "\(again.stderr)")

        let firstRelease = try #require(try rack.releases("alices-app").first { $0["version"] as? Int == 2 })
        let secondRelease = try #require(try rack.releases("second-app").first { $0["version"] as? Int == 2 })
        let one = try #require(rack.slugPath(of: firstRelease))
        let two = try #require(rack.slugPath(of: secondRelease))
        let sums = try Shell.run("/usr/bin/sha256sum", [one, two]).stdout.split(separator: "\n").map { $0.split(separator: " ").first! }
        #expect(sums.count == 2 && sums[0] == sums[1])
        let listing = try rack.slugListing(one)
        #expect(listing.allSatisfy { $0.contains(" ./app/") || $0.hasSuffix(" ./app/") })
        #expect(!listing.contains { $0.contains("/.git") })
        #expect(listing.contains { $0.hasPrefix("-rwxr-xr-x") && $0.hasSuffix("./app/bin/run") })
        #expect(listing.contains { $0.hasPrefix("lrwxrwxrwx") && $0.hasSuffix("./app/bin/link-to-probe -> ../probe.txt") })
        #expect(listing.allSatisfy { $0.contains("root/root") })
        let builds = try rack.builds("alices-app")
        #expect((builds.first?["slug_size"] as? Int ?? 0) > 0)
    }

    @Test func aSlugOverTheLimitIsRejectedWithHerokusMessageAndNoRelease() throws {
        let rack = try BuildingRack(extraArguments: ["--slug-limit", "1"])
        let repository = try rack.app("alices-app", files: ["big.txt": "1\n"])
        let push = try rack.push(repository)
        #expect(!push.succeeded)
        #expect(push.stderr.contains(" !     Compiled slug size: 3.0M is too large (max is 1.0M)."), "\(push.stderr)")
        #expect(try rack.releases("alices-app").count == 1)
        #expect(try rack.remoteBranch("alices-app") == nil)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: rack.rack.home + "/slugs")) ?? []).allSatisfy {
            ((try? FileManager.default.contentsOfDirectory(atPath: rack.rack.home + "/slugs/" + $0)) ?? []).isEmpty
        })
    }

    // MARK: Failures

    @Test func aFailingCompileRejectsThePushAndBuildsInfoShowsWhy() throws {
        let rack = try BuildingRack()
        let repository = try rack.app("alices-app", files: ["probe.txt": "1\n"])
        #expect(try rack.push(repository).succeeded)
        let deployed = try rack.head(of: repository)
        try rack.commit(["fail.txt": "1\n", "probe.txt": ""], in: repository)
        try FileManager.default.removeItem(atPath: repository + "/probe.txt")
        try rack.commit([:], in: repository, message: "Break the build")
        let push = try rack.push(repository)
        #expect(!push.succeeded)
        #expect(push.stderr.contains("something went wrong: missing dependency frobnicate"))
        #expect(push.stderr.contains(" !     Push rejected, failed to compile Failing app."))
        #expect(push.stderr.contains("[remote rejected] master -> master (pre-receive hook declined)"))
        #expect(try rack.remoteBranch("alices-app") == deployed)
        #expect(try rack.releases("alices-app").count == 2)

        let failed = try #require(try rack.builds("alices-app").first { $0["status"] as? String == "failed" })
        let info = try rack.alice.run("builds:info", try #require(failed["id"] as? String), "-a", "alices-app")
        #expect(info.succeeded, "\(info.stderr)")
        #expect(info.stdout.contains("Status:"), "\(info.stdout)")
        #expect(info.stdout.contains("failed"))
        #expect(info.stdout.contains("=== Output"))
        #expect(info.stdout.contains("something went wrong: missing dependency frobnicate"))
        #expect(info.stdout.contains("Push rejected, failed to compile Failing app."))
    }

    // MARK: Which refs build

    @Test func onlyTheDeployBranchBuildsAndItCannotBeDeleted() throws {
        let rack = try BuildingRack()
        let repository = try rack.app("alices-app", files: ["probe.txt": "1\n"])
        #expect(try rack.push(repository).succeeded)
        let builds = try rack.builds("alices-app").count

        try rack.git.git("checkout", "-q", "-b", "feature", in: repository)
        try rack.commit(["feature.txt": "1\n"], in: repository)
        let branch = try rack.push(repository, "feature")
        #expect(branch.succeeded, "\(branch.stderr)")
        #expect(branch.stderr.contains("Pushed branch feature: only master deploys, so nothing was built."))
        try rack.git.git("tag", "v1.0", in: repository)
        let tag = try rack.push(repository, "v1.0")
        #expect(tag.succeeded)
        #expect(tag.stderr.contains("Pushed tag v1.0: only master deploys"))
        #expect(try rack.builds("alices-app").count == builds)

        let delete = try rack.push(repository, ":master")
        #expect(!delete.succeeded)
        #expect(delete.stderr.contains("Deleting master, the branch this app deploys from, is not allowed."))
        #expect(try rack.remoteBranch("alices-app") != nil)

        // A force push builds the new commit; a push with nothing new builds nothing.
        try rack.git.git("checkout", "-q", "master", in: repository)
        try rack.git.git("commit", "-q", "--amend", "-m", "Rewritten", in: repository)
        let forced = try rack.push(repository, "master", force: true)
        #expect(forced.succeeded, "\(forced.stderr)")
        #expect(forced.stderr.contains("Released v3"))
        let nothing = try rack.push(repository)
        #expect(nothing.stderr.contains("Everything up-to-date"))
        #expect(try rack.builds("alices-app").count == builds + 1)
    }

    @Test func aConfigChangeMakesAReleaseWhoseSnapshotReleasesInfoShows() throws {
        let rack = try BuildingRack()
        #expect(try rack.push(try rack.app("alices-app", files: ["plain.txt": "1\n"])).succeeded)
        try #require(try rack.alice.run("config:set", "COLOR=blue", "-a", "alices-app").succeeded)
        let info = try rack.alice.run("releases:info", "v3", "-a", "alices-app")
        #expect(info.succeeded, "\(info.stderr)")
        #expect(info.stdout.contains("Set COLOR config vars"))
        #expect(info.stdout.contains("COLOR"))
        #expect(info.stdout.contains("blue"))
        // The config release keeps the build's slug.
        let (v2, _) = try rack.releaseInfo("alices-app", "v2")
        let (v3, config) = try rack.releaseInfo("alices-app", "v3")
        #expect((v3["slug"] as? [String: Any])?["id"] as? String == (v2["slug"] as? [String: Any])?["id"] as? String)
        #expect(config["COLOR"] == "blue")
    }
}

/// A real app built by the buildpacks Rack ships (no fixture buildpacks): Python with the host's python3.
@Suite struct ShippedBuildpackTests {
    @Test func aPythonAppGetsAVirtualenvWithItsRequirementsAndAWebProcess() throws {
        let setup = try SSHGateTests.Setup()
        let rack = BuildingRack(setup: setup)
        let repository = try rack.app(
            "alices-app",
            files: [
                "requirements.txt": "./greeting\n",
                "greeting/pyproject.toml": """
                    [build-system]
                    requires = ["setuptools"]
                    build-backend = "setuptools.build_meta"

                    [project]
                    name = "greeting"
                    version = "1.0"
                    """,
                "greeting/greeting/__init__.py": "def hello():\n    return 'hello from the slug'\n",
                "app.py": "import greeting\nprint(greeting.hello())\n",
            ])
        // An index that refuses at once: the build installs offline, from the app's own files.
        try #require(try rack.alice.run("config:set", "PIP_INDEX_URL=http://127.0.0.1:9/simple/", "-a", "alices-app").succeeded)
        let push = try rack.push(repository)
        #expect(push.succeeded, "\(push.stderr)")
        #expect(push.stderr.contains("-----> Python app detected"))
        #expect(push.stderr.contains("Default types for buildpack -> web"))
        let latest = try #require(try rack.releases("alices-app").first)
        let (release, _) = try rack.releaseInfo("alices-app", "v\(latest["version"] as? Int ?? 0)")
        #expect(release["process_types"] as? [String: String] == ["web": "python app.py"])

        // The slug runs where apps run, at /app: its virtualenv's python imports the installed package.
        let slug = try #require(rack.slugPath(of: release))
        let unpacked = rack.rack.scratch + "/unpacked"
        try FileManager.default.createDirectory(atPath: unpacked, withIntermediateDirectories: true)
        try #require(try Shell.run("/usr/bin/tar", ["-xzf", slug, "-C", unpacked]).succeeded)
        let run = try Shell.run(
            "/usr/bin/bwrap",
            [
                "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib",
                "--symlink", "usr/lib64", "/lib64", "--ro-bind", "/etc", "/etc", "--proc", "/proc", "--dev", "/dev",
                "--bind", unpacked + "/app", "/app", "--chdir", "/app", "/app/.venv/bin/python", "app.py",
            ])
        #expect(run.stdout == "hello from the slug\n", "\(run.stderr)")
    }
}
