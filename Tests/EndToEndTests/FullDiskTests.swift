import Foundation
import Testing

/// The rack's home (database, repositories, checkouts, slugs) on a disk that fills up: pushes and changes are
/// refused with a clear message, nothing that was there is lost, and everything works again once there is room.
@Suite struct FullDiskTests {
    /// Fills the file system of `directory` with one file; its path.
    func fill(_ directory: String) throws -> String {
        let filler = directory + "/filler"
        _ = try Shell.run("/usr/bin/dd", ["if=/dev/zero", "of=\(filler)", "bs=1M"])
        let free = try #require(FileManager.default.attributesOfFileSystem(forPath: directory)[.systemFreeSize] as? Int)
        try #require(free < 1 << 20, "the disk is not full: \(free) bytes free")
        return filler
    }

    @Test func aFullHomeDiskRefusesPushesAndChangesClearlyAndLosesNothing() throws {
        let rack = try BuildingRack(installed: ["probe"], homeSize: "512m")
        let repository = try rack.app("alices-app", files: ["probe.txt": "1\n"])
        try #require(try rack.push(repository).succeeded)
        try #require(try rack.alice.run("config:set", "KEPT=yes", "-a", "alices-app").succeeded)
        let released = try rack.remoteBranch("alices-app")
        let releases = try rack.releases("alices-app").compactMap { $0["version"] as? Int }

        let filler = try fill(rack.rack.home)
        try rack.commit(["probe.txt": "2\n"], in: repository, message: "While the disk is full")
        let push = try rack.push(repository)
        #expect(!push.succeeded)
        #expect(push.stderr.contains(" !  Rack's disk is full (0 MiB free): ask the rack's operator to free space, then push again."), "\(push.stderr)")
        let set = try rack.alice.run("config:set", "LOST=yes", "-a", "alices-app")
        #expect(!set.succeeded)
        #expect(set.stderr.contains("Rack's disk is full, so nothing was changed: ask the rack's operator to free space"), "\(set.stderr)")
        let create = try rack.alice.run("apps:create", "another-app", "--no-remote")
        #expect(!create.succeeded)
        #expect(create.stderr.contains("Rack's disk is full"), "\(create.stderr)")
        // The operator finds the cause in rackd's log.
        #expect(rack.rack.log.contains("database or disk is full"), "\(rack.rack.log)")

        // Nothing was lost, and what only reads works.
        #expect(try rack.remoteBranch("alices-app") == released)
        #expect(try rack.releases("alices-app").compactMap { $0["version"] as? Int } == releases)
        #expect(try rack.alice.run("config:get", "KEPT", "-a", "alices-app").stdout == "yes\n")
        #expect(try rack.alice.run("config:get", "LOST", "-a", "alices-app").stdout.isEmpty)
        let clone = try rack.git.git("clone", "-q", rack.git.url("alices-app"), rack.git.home + "/clone")
        #expect(clone.succeeded, "\(clone.stderr)")

        try FileManager.default.removeItem(atPath: filler)
        let again = try rack.push(repository)
        #expect(again.succeeded, "\(again.stderr)")
        #expect(again.stderr.contains("Released v4"), "\(again.stderr)")
        #expect(try rack.releaseInfo("alices-app", "v4").config["KEPT"] == "yes")
        try rack.expectNothingLeftBehind("alices-app")
    }

    @Test func aHomeDiskThatFillsDuringABuildRejectsThePushAndKeepsNoSlug() throws {
        let rack = try BuildingRack(installed: ["gated", "probe"], homeSize: "512m")
        let repository = try rack.app("alices-app", files: ["gated.txt": "1\n", "wait-in-compile.txt": "1\n"])
        let push = try BackgroundPush(rack, repository: repository, started: "-----> Compiling the gated app")
        let checkout = try #require(
            try FileManager.default.contentsOfDirectory(atPath: rack.rack.home + "/builds").first.map { rack.rack.home + "/builds/" + $0 })
        let filler = try fill(rack.rack.home)
        FileManager.default.createFile(atPath: checkout + "/.go-compile", contents: nil)
        #expect(push.waitForEnd().map { $0 != 0 } == true)
        #expect(push.output.contains("No space left on device"), "\(push.output)")
        #expect(push.output.contains("[remote rejected] master -> master"))
        #expect(try rack.remoteBranch("alices-app") == nil)
        #expect(try rack.releases("alices-app").count == 1)
        let slugs = try rack.storedSlugs()
        #expect(slugs.isEmpty, "a slug no release references: \(slugs)")

        // Once there is room, the failed build's record says so.
        try FileManager.default.removeItem(atPath: filler)
        let deadline = Date().addingTimeInterval(15)
        while try rack.builds("alices-app").first?["status"] as? String != "failed", Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        let failed = try #require(try rack.builds("alices-app").first)
        #expect(failed["status"] as? String == "failed")
        let log = try rack.alice.run("builds:logs", failed["id"] as? String ?? "", "-a", "alices-app").stdout
        #expect(log.contains("No space left on device"), "\(log)")
        for marker in ["gated.txt", "wait-in-compile.txt"] { try FileManager.default.removeItem(atPath: repository + "/" + marker) }
        try rack.commit(["probe.txt": "1\n"], in: repository, message: "Probe instead")
        let again = try rack.push(repository)
        #expect(again.succeeded, "\(again.stderr)")
        #expect(again.stderr.contains("Released v2"), "\(again.stderr)")
        let statuses = try rack.builds("alices-app").compactMap { $0["status"] as? String }.sorted()
        #expect(statuses == ["failed", "succeeded"], "\(statuses)")
        try rack.expectNothingLeftBehind("alices-app")
    }
}
