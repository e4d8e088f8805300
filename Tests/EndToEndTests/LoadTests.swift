import Foundation
import Testing

/// Many users at once through the real sshd: 20 pushes across 10 apps, then 50 clones. Every push releases or
/// is told by git to fetch first (its app moved on meanwhile); nothing is lost; rackd's memory stays bounded.
@Suite struct LoadTests {
    @Test func twentyPushesAcrossTenAppsAndFiftyClonesAtOnceLoseNothing() throws {
        let rack = try BuildingRack(installed: ["plain"])
        let apps = (0..<10).map { "load-app-\($0)" }
        // Two repositories an app: the second one commit ahead of the first.
        var entries: [(app: String, behind: String, ahead: String, tip: String)] = []
        for app in apps {
            let behind = try rack.app(app, files: ["plain.txt": "\(app)\n"])
            let ahead = rack.git.home + "/\(app)-ahead"
            try #require(try Shell.run("/usr/bin/cp", ["-R", behind, ahead]).succeeded)
            let tip = try rack.commit(["more.txt": "ahead\n"], in: ahead, message: "Ahead")
            entries.append((app, behind, ahead, tip))
        }
        let repositories = entries
        let environment = rack.git.environment
        let pushes = try SSHGateTests.concurrently((0..<20).map { index in
            let entry = repositories[index / 2]
            let directory = index % 2 == 0 ? entry.behind : entry.ahead
            return { try Shell.run("git", ["push", "rack", "master"], environment: environment, directory: directory) }
        })
        var released = 0
        for (index, push) in pushes.enumerated() {
            if push.succeeded {
                #expect(push.stderr.contains("Released v"), "\(push.stderr)")
                released += 1
            } else {
                // Only the push that arrived after its app moved past it may fail, and git says why.
                #expect(index % 2 == 0, "push \(index) failed: \(push.stderr)")
                #expect(push.stderr.contains("[rejected]") && push.stderr.contains("fetch first"), "\(push.stderr)")
            }
        }
        #expect(released >= 10)
        for entry in repositories {
            #expect(try rack.remoteBranch(entry.app) == entry.tip, "\(entry.app) lost a push")
            let builds = try rack.builds(entry.app)
            #expect(builds.allSatisfy { $0["status"] as? String == "succeeded" })
            #expect(try rack.releases(entry.app).count == 1 + builds.count)
        }

        let home = rack.git.home
        let clones = try SSHGateTests.concurrently((0..<50).map { index in
            let url = rack.git.url(repositories[index % 10].app)
            return { try Shell.run("git", ["clone", "-q", url, home + "/clone-\(index)"], environment: environment) }
        })
        for (index, clone) in clones.enumerated() {
            #expect(clone.succeeded, "\(clone.stderr)")
            let head = try Shell.run("git", ["rev-parse", "HEAD"], directory: home + "/clone-\(index)").stdout
            #expect(head.trimmingCharacters(in: .whitespacesAndNewlines) == repositories[index % 10].tip)
        }

        // rackd's peak memory through all of it.
        let pid = try #require(rack.rack.process?.processIdentifier)
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let peak = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }.flatMap { Int($0.split(whereSeparator: \.isWhitespace)[1]) })
        #expect(peak < 512 * 1024, "rackd peaked at \(peak / 1024) MiB")
    }
}
