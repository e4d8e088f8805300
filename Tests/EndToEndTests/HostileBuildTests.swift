import Foundation
import Testing

/// Buildpacks that misbehave on purpose (`Tests/Fixtures/buildpacks`): each limit stops them with its own
/// message, escapes fail, the push is rejected with refs and releases as they were, and nothing of the build is
/// left behind.
@Suite struct HostileBuildTests {
    static let hostile = ["hog-memory", "fork-bomb", "hang", "fill-disk", "big-file", "flood", "net-probe", "escape", "probe"]

    /// Pushes an app whose marker file picks the hostile buildpack; expects the push rejected with `message` and
    /// nothing moved or left.
    func expectRejected(
        _ marker: String, limits: [String] = [], message: String, extraArguments: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let rack = try BuildingRack(installed: Self.hostile, extraArguments: extraArguments)
        if !limits.isEmpty { try rack.setLimits("alices-app", limits) }
        let repository = try rack.app("alices-app", files: [marker: "1\n"])
        let push = try rack.push(repository)
        #expect(!push.succeeded, sourceLocation: sourceLocation)
        #expect(push.stderr.contains(" !     \(message)"), "\(push.stderr.suffix(2000))", sourceLocation: sourceLocation)
        #expect(push.stderr.contains("[remote rejected] master -> master"), sourceLocation: sourceLocation)
        #expect(try rack.remoteBranch("alices-app") == nil, sourceLocation: sourceLocation)
        #expect(try rack.releases("alices-app").count == 1, sourceLocation: sourceLocation)
        #expect(try rack.builds("alices-app").first?["status"] as? String == "failed", sourceLocation: sourceLocation)
        try rack.expectNothingLeftBehind("alices-app", sourceLocation: sourceLocation)
    }

    @Test func aBuildOverItsMemoryIsStopped() throws {
        try expectRejected("hog-memory.txt", limits: ["--build-memory", "64M"], message: "Build exceeded its memory limit (64M).")
    }

    @Test func aForkBombHitsTheProcessLimit() throws {
        try expectRejected("fork-bomb.txt", limits: ["--build-processes", "40"], message: "Build exceeded its process limit (40).")
    }

    @Test func aHangingBuildIsStoppedAtItsTimeLimit() throws {
        try expectRejected("hang.txt", limits: ["--build-timeout", "10s"], message: "Build exceeded its time limit (10s).")
    }

    @Test func aBuildFillingTheDiskIsStoppedAtItsDiskLimit() throws {
        try expectRejected("fill-disk.txt", limits: ["--build-disk", "32M"], message: "Build exceeded its disk limit (32M).")
    }

    @Test func oneFileLargerThanTheDiskLimitIsStoppedByTheKernel() throws {
        try expectRejected("big-file.txt", limits: ["--build-disk", "16M"], message: "Build exceeded its disk limit (16M).")
    }

    @Test func theRacksOwnLimitsApplyToEveryApp() throws {
        try expectRejected("hog-memory.txt", message: "Build exceeded its memory limit (48M).", extraArguments: ["--build-memory", "48M"])
    }

    @Test func megabytesOfOutputWithoutNewlinesReachTheUserAndTheBuildEndsCleanly() throws {
        let rack = try BuildingRack(installed: Self.hostile)
        let push = try rack.push(try rack.app("alices-app", files: ["flood.txt": "1\n"]))
        #expect(push.succeeded, "\(push.stderr.suffix(1000))")
        #expect(push.stderr.contains("-----> Flood done"))
        // git's own sideband shows at most 8 MiB of one line: all of that arrives.
        #expect(push.stderr.filter { $0 == "x" }.count >= 8_000_000)
        // The build's record keeps the start and the end of it.
        let build = try #require(try rack.builds("alices-app").first?["id"] as? String)
        let logs = try rack.alice.run("builds:logs", build, "-a", "alices-app")
        #expect(logs.stdout.contains("bytes of output left out"))
        #expect(logs.stdout.contains("-----> Flood done"))
        try rack.expectNothingLeftBehind("alices-app")
    }

    @Test func networkPolicyNoneLeavesOnlyLoopbackAndHostReachesTheAPIWithoutCredentials() throws {
        let rack = try BuildingRack(installed: Self.hostile)
        let repository = try rack.app("alices-app", files: ["net-probe.txt": "1\n"])
        let port = try #require(URL(string: rack.rack.apiURL)?.port)
        try #require(try rack.alice.run("config:set", "API_PORT=\(port)", "-a", "alices-app").succeeded)

        let host = try rack.push(repository)
        #expect(host.succeeded, "\(host.stderr)")
        #expect(host.stderr.contains("api=reachable"))
        // Reachable, but with no credential that works: the internal API refuses it.
        #expect(host.stderr.contains("internal=401"))

        try rack.setLimits("alices-app", "--build-network", "none")
        try rack.commit(["net-probe.txt": "2\n"], in: repository)
        let none = try rack.push(repository)
        #expect(none.succeeded, "\(none.stderr)")
        #expect(none.stderr.contains("api=unreachable"))
        #expect(none.stderr.contains("interfaces=lo "))
        try rack.expectNothingLeftBehind("alices-app")
    }

    @Test func escapeAttemptsFailAndLeaveNothing() throws {
        let rack = try BuildingRack(installed: Self.hostile)
        let repository = try rack.app("alices-app", files: ["escape.txt": "1\n", "probe.txt": "1\n"])
        // A symlink in the checkout pointing at Rack's master key.
        try FileManager.default.createSymbolicLink(atPath: repository + "/leak", withDestinationPath: rack.rack.home + "/master.key")
        try rack.commit([:], in: repository, message: "Add a symlink out")
        let push = try rack.push(repository)
        #expect(push.succeeded, "\(push.stderr)")
        for attempt in [
            "read-init-environ", "read-shadow", "write-usr", "write-etc", "write-root", "mount", "ptrace-init", "setuid-su", "sudo",
            "chown-root", "reach-rack-home", "follow-checkout-symlink", "raw-socket",
        ] {
            #expect(push.stderr.contains("\(attempt)=blocked"), "\(attempt): \(push.stderr)")
        }
        #expect(!push.stderr.contains("ESCAPED"))
        #expect(push.stderr.contains("caps=0000000000000000 nnp=1"))
        #expect(!FileManager.default.fileExists(atPath: "/usr/rack-escape"))
        #expect(!FileManager.default.fileExists(atPath: "/etc/rack-escape"))
        try rack.expectNothingLeftBehind("alices-app")
    }

    @Test func aBuildCannotSeeAnotherBuildRunningBesideIt() throws {
        let rack = try BuildingRack(installed: Self.hostile)
        // App one hangs in its compile (`sleep 600`) while app two builds.
        let hanging = try rack.app("alices-app", files: ["hang.txt": "1\n"])
        let first = try BackgroundPush(rack, repository: hanging, started: "-----> Hanging")
        defer {
            kill(first.process.processIdentifier, SIGKILL)
            first.process.waitUntilExit()
        }
        #expect(try Shell.run("/usr/bin/pgrep", ["-f", "sleep 600"]).succeeded, "the first build should be running")

        let second = try rack.push(try rack.app("second-app", files: ["probe.txt": "1\n"]))
        #expect(second.succeeded, "\(second.stderr)")
        #expect(second.stderr.contains("other-builds=invisible"), "\(second.stderr)")
        #expect(second.stderr.contains("rack-home=invisible"))
    }

    @Test func aProcfileOrSlugignoreThatIsASymlinkIsRefused() throws {
        let rack = try BuildingRack(installed: Self.hostile)
        let repository = try rack.app("alices-app", files: ["probe.txt": "1\n"])
        try FileManager.default.createSymbolicLink(atPath: repository + "/Procfile", withDestinationPath: "/etc/passwd")
        try rack.commit([:], in: repository, message: "Procfile out")
        let push = try rack.push(repository)
        #expect(!push.succeeded)
        #expect(push.stderr.contains("Procfile is a symlink"), "\(push.stderr)")
        try FileManager.default.removeItem(atPath: repository + "/Procfile")
        try FileManager.default.createSymbolicLink(atPath: repository + "/.slugignore", withDestinationPath: "../../../etc/passwd")
        try rack.commit([:], in: repository, message: ".slugignore out")
        let again = try rack.push(repository)
        #expect(!again.succeeded)
        #expect(again.stderr.contains(".slugignore is a symlink"), "\(again.stderr)")
        try rack.expectNothingLeftBehind("alices-app")
    }
}
