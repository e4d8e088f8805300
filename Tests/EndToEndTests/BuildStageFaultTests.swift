import Foundation
import Testing

/// The builder (`rack-hook`) or the forced command (`rack-serve`) killed with SIGKILL at each stage of a build,
/// and rackd stopped before a push, between its slug and its release, and after it. Each push ends with a clear
/// message or a release; the ref and the releases agree; no slug is kept that no release references; nothing is
/// left behind; the next push works.
///
/// The `gated` fixture buildpack waits in the stage a test names (it marks `.waiting-STAGE` in the checkout and
/// goes on once the test writes `.go-STAGE`), so each fault lands in the stage it is meant for.
@Suite struct BuildStageFaultTests {
    static let installed = ["gated", "probe"]

    enum Stage: String, CaseIterable, CustomStringConvertible {
        case detect, compile, release
        /// The slug is stored and recorded; the hook has not asked for the release yet.
        case beforeTheRelease

        var description: String { rawValue }
        /// The stage the buildpack waits in for this test.
        var waitsIn: String { self == .beforeTheRelease ? "compile" : rawValue }
    }

    enum Killed: String, CaseIterable, CustomStringConvertible {
        case hook = "rack-hook"
        case forcedCommand = "rack-serve"
        var description: String { rawValue }
    }

    /// A push whose build waits in `stage`: returns once it waits there (for `.beforeTheRelease`, once the slug is
    /// recorded, with the hook stopped by SIGSTOP so that it has not asked for the release).
    func pushStopped(in stage: Stage, _ rack: BuildingRack) throws -> (push: BackgroundPush, repository: String) {
        let repository = try rack.app("alices-app", files: ["gated.txt": "1\n", "wait-in-\(stage.waitsIn).txt": "1\n"])
        let push = try BackgroundPush(rack, repository: repository, started: "-----> Building on the")
        let checkout = try waitForMarker(".waiting-\(stage.waitsIn)", rack)
        if stage == .beforeTheRelease {
            let hook = try #require(try pids(of: "rack-hook", rack).first)
            kill(hook, SIGSTOP)
            FileManager.default.createFile(atPath: checkout + "/.go-compile", contents: nil)
            try waitForSlug(rack)
        }
        return (push, repository)
    }

    /// Waits (up to 30 s) until the build's checkout holds `marker`; the checkout's path.
    func waitForMarker(_ marker: String, _ rack: BuildingRack) throws -> String {
        let builds = rack.rack.home + "/builds"
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: builds)) ?? [] {
                if FileManager.default.fileExists(atPath: builds + "/" + entry + "/" + marker) { return builds + "/" + entry }
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw RackTestFailure("the build never reached \(marker)")
    }

    /// Waits (up to 30 s) until the app's newest build has recorded its slug.
    func waitForSlug(_ rack: BuildingRack) throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if try rack.builds("alices-app").contains(where: { $0["slug"] is [String: Any] }) { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw RackTestFailure("the build never recorded its slug")
    }

    func pids(of program: String, _ rack: BuildingRack) throws -> [pid_t] {
        try Shell.run("/usr/bin/pgrep", ["-f", rack.rack.home + "/ssh/bin/" + program]).stdout.split(separator: "\n").compactMap { pid_t($0) }
    }

    /// Pushes a commit the probe buildpack builds; expects it released as `version`.
    func expectTheNextPushWorks(_ rack: BuildingRack, repository: String, version: Int = 2) throws {
        for marker in ["gated.txt", "big-slug.txt"] + Stage.allCases.map({ "wait-in-\($0.waitsIn).txt" }) {
            try? FileManager.default.removeItem(atPath: repository + "/" + marker)
        }
        try rack.commit(["probe.txt": "next\n"], in: repository, message: "Probe instead")
        let push = try rack.push(repository)
        #expect(push.succeeded, "\(push.stderr)")
        #expect(push.stderr.contains("Released v\(version)"), "\(push.stderr)")
    }

    @Test(arguments: Stage.allCases)
    func theBuilderKilledInAStageCancelsTheBuildAndKeepsNothing(stage: Stage) throws {
        let rack = try BuildingRack(installed: Self.installed)
        let (push, repository) = try pushStopped(in: stage, rack)
        let hooks = try pids(of: "rack-hook", rack)
        try #require(!hooks.isEmpty)
        for hook in hooks { kill(hook, SIGKILL) }
        #expect(push.waitForEnd().map { $0 != 0 } == true)
        #expect(push.output.contains("[remote rejected] master -> master"), "\(push.output)")

        let ended = try rack.endedBuild("alices-app")
        #expect(ended.status == "cancelled")
        // The build's record keeps what it printed before the push went away, then why it ended.
        #expect(ended.output.contains("-----> Building on the"), "\(ended.output)")
        #expect(ended.output.contains(stage == .beforeTheRelease ? "The push ended before its build was released" : "The push was cancelled."), "\(ended.output)")
        #expect(try rack.remoteBranch("alices-app") == nil)
        #expect(try rack.releases("alices-app").count == 1)
        try expectNoSlugLeft(rack)
        try rack.expectNothingLeftBehind("alices-app")
        try expectTheNextPushWorks(rack, repository: repository)
    }

    @Test(arguments: Stage.allCases)
    func theForcedCommandKilledInAStageLeavesRefReleasesAndSlugsInAgreement(stage: Stage) throws {
        let rack = try BuildingRack(installed: Self.installed)
        let (push, repository) = try pushStopped(in: stage, rack)
        let commit = try rack.head(of: repository)
        try Shell.run("/usr/bin/pkill", ["-KILL", "-f", rack.rack.home + "/ssh/bin/rack-serve"])
        // git and its hook go on without rack-serve; let the build go on too.
        for hook in try pids(of: "rack-hook", rack) { kill(hook, SIGCONT) }
        if stage != .beforeTheRelease {
            let checkout = try waitForMarker(".waiting-\(stage.waitsIn)", rack)
            FileManager.default.createFile(atPath: checkout + "/.go-\(stage.waitsIn)", contents: nil)
        }
        #expect(push.waitForEnd() != nil)

        let ended = try rack.endedBuild("alices-app")
        let moved = try rack.remoteBranch("alices-app") == commit
        let releases = try rack.releases("alices-app")
        #expect(moved == (ended.status == "succeeded"), "ref moved: \(moved), build \(ended.status ?? "running")")
        #expect(releases.count == (moved ? 2 : 1))
        let slugs = try rack.storedSlugs()
        if moved {
            #expect(releases.first?["commit"] as? String == commit)
            #expect(slugs.count == 1 && slugs.first.map { $0.hasSuffix((releases.first?["slug"] as? [String: Any])?["id"] as? String ?? "?") } == true, "\(slugs)")
        } else {
            #expect(slugs.isEmpty, "slugs no release references: \(slugs)")
        }
        try rack.expectNothingLeftBehind("alices-app")
        try expectTheNextPushWorks(rack, repository: repository, version: moved ? 3 : 2)
    }

    /// 40 000 files take the hook about 2 s to check out; it is killed meanwhile, before the runner has the build,
    /// so the runner's sweeper is what ends it.
    @Test func theBuilderKilledWhileItChecksTheCommitOutCancelsTheBuildAndLeavesNothing() throws {
        let rack = try BuildingRack(installed: Self.installed)
        let repository = try rack.app("alices-app", files: ["probe.txt": "1\n"])
        let made = try Shell.run("/bin/bash", ["-c", "for d in $(seq 200); do mkdir -p many/d$d && (cd many/d$d && touch $(seq -f 'f%g' 200)); done"], directory: repository)
        try #require(made.succeeded, "\(made.stderr)")
        try rack.commit([:], in: repository, message: "Forty thousand files")
        let push = try BackgroundPush(rack, repository: repository, started: "-----> Building alices-app from")
        _ = try waitForMarker("many", rack)
        let hooks = try pids(of: "rack-hook", rack)
        try #require(!hooks.isEmpty)
        for hook in hooks { kill(hook, SIGKILL) }
        #expect(push.waitForEnd().map { $0 != 0 } == true)
        #expect(push.output.contains("[remote rejected] master -> master"), "\(push.output)")
        #expect(!push.output.contains("-----> Building on the"), "the runner had the build: \(push.output)")

        let ended = try rack.endedBuild("alices-app")
        #expect(ended.status == "cancelled")
        #expect(ended.output.contains("The push ended before its build started: push again."), "\(ended.output)")
        #expect(try rack.remoteBranch("alices-app") == nil)
        #expect(try rack.releases("alices-app").count == 1)
        try rack.expectNothingLeftBehind("alices-app")
        try expectTheNextPushWorks(rack, repository: repository)
    }

    /// The slug of `gated` with `big-slug.txt` holds 250 MB of random data: packing it takes about 2 s, and the fault
    /// lands while the runner packs.
    @Test(arguments: Killed.allCases)
    func killedWhileTheSlugIsPackedTheRefReleasesAndSlugsStillAgree(killed: Killed) throws {
        let rack = try BuildingRack(installed: Self.installed)
        let repository = try rack.app("alices-app", files: ["gated.txt": "1\n", "big-slug.txt": "1\n"])
        let commit = try rack.head(of: repository)
        let push = try BackgroundPush(rack, repository: repository, started: "-----> Compressing...")
        try Shell.run("/usr/bin/pkill", ["-KILL", "-f", rack.rack.home + "/ssh/bin/" + killed.rawValue])
        #expect(push.waitForEnd() != nil)

        let ended = try rack.endedBuild("alices-app")
        let moved = try rack.remoteBranch("alices-app") == commit
        if killed == .hook {
            #expect(ended.status == "cancelled")
            #expect(ended.output.contains("The push ended before its build was released"), "\(ended.output)")
            #expect(!moved)
        }
        #expect(moved == (ended.status == "succeeded"), "ref moved: \(moved), build \(ended.status ?? "running")")
        #expect(try rack.releases("alices-app").count == (moved ? 2 : 1))
        if !moved { try expectNoSlugLeft(rack) }
        try rack.expectNothingLeftBehind("alices-app")
        try FileManager.default.removeItem(atPath: repository + "/big-slug.txt")
        try expectTheNextPushWorks(rack, repository: repository, version: moved ? 3 : 2)
    }

    @Test func rackdStoppedBeforeAPushRefusesItClearlyAndMovesNothing() throws {
        let rack = try BuildingRack(installed: Self.installed)
        let repository = try rack.app("alices-app", files: ["probe.txt": "1\n"])
        let rackd = try #require(rack.rack.process)
        kill(rackd.processIdentifier, SIGKILL)
        rackd.waitUntilExit()
        // Its sshd outlives a SIGKILLed rackd: the push reaches the gate, which cannot ask the API.
        let push = try rack.push(repository)
        #expect(!push.succeeded)
        #expect(push.stderr.contains("Rack is unavailable right now; try again shortly."), "\(push.stderr)")

        try rack.rack.start(reusingPorts: true)
        #expect(try rack.remoteBranch("alices-app") == nil)
        #expect(try rack.builds("alices-app").isEmpty)
        #expect(try rack.releases("alices-app").count == 1)
        try expectTheNextPushWorks(rack, repository: repository)
    }

    @Test func rackdStoppedBetweenTheSlugAndTheReleaseRejectsThePushAndItsNextStartRemovesTheSlug() throws {
        let rack = try BuildingRack(installed: Self.installed)
        let (push, repository) = try pushStopped(in: .beforeTheRelease, rack)
        #expect(try rack.storedSlugs().count == 1)
        let rackd = try #require(rack.rack.process)
        kill(rackd.processIdentifier, SIGKILL)
        rackd.waitUntilExit()
        for hook in try pids(of: "rack-hook", rack) { kill(hook, SIGCONT) }
        #expect(push.waitForEnd().map { $0 != 0 } == true)
        #expect(push.output.contains(" !     The build succeeded but its release failed"), "\(push.output)")
        #expect(push.output.contains(" !     Push rejected: nothing was deployed; push again."))
        #expect(push.output.contains("[remote rejected] master -> master"))

        try rack.rack.start(reusingPorts: true)
        let ended = try rack.endedBuild("alices-app")
        #expect(ended.status == "failed")
        #expect(ended.output.contains("rackd stopped while this build ran: push again."), "\(ended.output)")
        #expect(try rack.remoteBranch("alices-app") == nil)
        #expect(try rack.releases("alices-app").count == 1)
        try expectNoSlugLeft(rack)
        try rack.expectNothingLeftBehind("alices-app")
        try expectTheNextPushWorks(rack, repository: repository)
    }

    @Test func rackdStoppedAfterAReleaseKeepsItAsItWas() throws {
        let rack = try BuildingRack(installed: Self.installed)
        let repository = try rack.app("alices-app", files: ["probe.txt": "1\n"])
        let commit = try rack.head(of: repository)
        let push = try rack.push(repository)
        try #require(push.succeeded, "\(push.stderr)")
        let rackd = try #require(rack.rack.process)
        kill(rackd.processIdentifier, SIGKILL)
        rackd.waitUntilExit()

        try rack.rack.start(reusingPorts: true)
        #expect(try rack.endedBuild("alices-app").status == "succeeded")
        #expect(try rack.remoteBranch("alices-app") == commit)
        let releases = try rack.releases("alices-app")
        #expect(releases.count == 2)
        #expect(releases.first?["commit"] as? String == commit)
        let slug = try #require(rack.slugPath(of: releases.first ?? [:]))
        #expect(FileManager.default.fileExists(atPath: slug), "the released slug is gone")
        try rack.expectNothingLeftBehind("alices-app")
        try expectTheNextPushWorks(rack, repository: repository, version: 3)
    }

    func expectNoSlugLeft(_ rack: BuildingRack, sourceLocation: SourceLocation = #_sourceLocation) throws {
        // The runner removes an unreleased slug once the hook hangs up (or rackd starts again): allow it a moment.
        let deadline = Date().addingTimeInterval(10)
        var slugs = try rack.storedSlugs()
        while !slugs.isEmpty, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            slugs = try rack.storedSlugs()
        }
        #expect(slugs.isEmpty, "slugs no release references: \(slugs)", sourceLocation: sourceLocation)
    }
}
