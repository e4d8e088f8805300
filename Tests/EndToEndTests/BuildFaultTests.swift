import Foundation
import Testing

/// Faults while a push builds: rackd killed, the pushing client gone, storage or disk full (the builder and the
/// forced command killed in each stage: ``BuildStageFaultTests``). Each ends with a clear message, the build ended, refs and releases as they were,
/// nothing left behind, and the next push works.
@Suite struct BuildFaultTests {
    static let installed = ["hang", "big", "probe"]

    /// Pushes a probe app (a build that works) to the app; expects it released.
    func expectTheNextPushWorks(_ rack: BuildingRack, repository: String, url: String? = nil) throws {
        try rack.commit(["probe.txt": "next\n", "hang.txt": ""], in: repository, message: "Works again")
        try FileManager.default.removeItem(atPath: repository + "/hang.txt")
        try rack.commit([:], in: repository, message: "No more hanging")
        let push = try Shell.run("git", ["push", url ?? "rack", "master"], environment: rack.git.environment, directory: repository)
        #expect(push.succeeded, "\(push.stderr)")
        #expect(push.stderr.contains("Released v2"), "\(push.stderr)")
    }

    @Test func rackdKilledDuringABuildRejectsThePushAndItsNextStartEndsTheBuild() throws {
        let rack = try BuildingRack(installed: Self.installed)
        let repository = try rack.app("alices-app", files: ["hang.txt": "1\n"])
        let push = try BackgroundPush(rack, repository: repository, started: "-----> Hanging")
        let rackd = try #require(rack.rack.process)
        kill(rackd.processIdentifier, SIGKILL)
        rackd.waitUntilExit()
        #expect(push.waitForEnd().map { $0 != 0 } == true)
        #expect(push.output.contains("The build runner stopped before the build ended"), "\(push.output)")
        #expect(push.output.contains("[remote rejected] master -> master"))

        // The next start ends the build as failed and clears what it left; pushes work again.
        try rack.rack.start(reusingPorts: true)
        #expect(try rack.endedBuild("alices-app").status == "failed")
        let build = try #require(try rack.builds("alices-app").first?["id"] as? String)
        #expect(try rack.alice.run("builds:logs", build, "-a", "alices-app").stdout.contains("rackd stopped while this build ran"))
        #expect(try rack.releases("alices-app").count == 1)
        try rack.expectNothingLeftBehind("alices-app")
        try expectTheNextPushWorks(rack, repository: repository)
    }

    @Test func aClientThatGoesAwayCancelsTheBuild() throws {
        let rack = try BuildingRack(installed: Self.installed)
        let repository = try rack.app("alices-app", files: ["hang.txt": "1\n"])
        let push = try BackgroundPush(rack, repository: repository, started: "-----> Hanging")
        kill(push.process.processIdentifier, SIGKILL)
        push.process.waitUntilExit()
        #expect(try rack.endedBuild("alices-app").status == "cancelled")
        #expect(try rack.remoteBranch("alices-app") == nil)
        try rack.expectNothingLeftBehind("alices-app")
        try expectTheNextPushWorks(rack, repository: repository)
    }

    @Test func storageFullWhileTheSlugIsWrittenRejectsThePushAndKeepsNoHalfSlug() throws {
        let rack = try BuildingRack(installed: Self.installed)
        let slugs = rack.rack.home + "/slugs"
        try #require(try Shell.run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", slugs]).succeeded)
        defer { _ = try? Shell.run("/usr/bin/umount", ["-l", slugs]) }
        let push = try rack.push(try rack.app("alices-app", files: ["big.txt": "1\n"]))
        #expect(!push.succeeded)
        #expect(push.stderr.contains(" !     Cannot write the slug (No space left on device): check free disk space."), "\(push.stderr)")
        #expect(try rack.releases("alices-app").count == 1)
        #expect(try rack.remoteBranch("alices-app") == nil)
        let left = try rack.storedSlugs()
        #expect(left.isEmpty, "a half slug is left: \(left)")
    }

    @Test func aFullBuildDiskRejectsThePushCleanlyAndPushesWorkOnceThereIsRoom() throws {
        let rack = try BuildingRack(installed: Self.installed)
        let builds = rack.rack.home + "/builds"
        let git = getpwnam("git")!.pointee
        try #require(
            try Shell.run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=128k,mode=0700,uid=\(git.pw_uid),gid=\(git.pw_gid)", "tmpfs", builds]).succeeded)
        let repository = try rack.app("alices-app", files: ["probe.txt": "1\n", "data.txt": String(repeating: "rack ", count: 100_000)])
        let push = try rack.push(repository)
        _ = try Shell.run("/usr/bin/umount", ["-l", builds])
        #expect(!push.succeeded)
        #expect(push.stderr.contains(" !     No space left on device for the checkout"), "\(push.stderr)")
        #expect(push.stderr.contains("Ask the rack's operator to free space, then push again."))
        #expect(push.stderr.contains("[remote rejected] master -> master"))
        #expect(try rack.endedBuild("alices-app").status == "failed")
        #expect(try rack.remoteBranch("alices-app") == nil)
        let again = try rack.push(repository)
        #expect(again.succeeded, "\(again.stderr)")
        try rack.expectNothingLeftBehind("alices-app")
    }
}
