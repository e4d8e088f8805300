import Foundation
import RackCore
import Testing

@testable import RackBuilder

/// Build cgroups on cgroup v2, the unified hierarchy of current hosts. These machines run v1 (their v2 mount
/// offers no controllers), so what Rack writes and reads on v2 is checked against a directory laid out as the
/// kernel lays out v2 groups, and the machine's real v2 mount checks that Rack refuses to build where v2 cannot
/// limit memory and processes. The kernel enforcing v2 limits is not tested here.
@Suite struct BuildCgroupV2Tests {
    /// A directory shaped like a v2 mount: the root's and rackd's group's interface files, and groups made with
    /// the files the kernel gives a new group.
    struct FakeUnifiedHierarchy {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cgroup2-\(UUID().uuidString)").path
        var base: String { BuildCgroup.unifiedBase(root: root) }

        init(offered: String = "cpuset cpu io memory hugetlb pids rdma misc", delegated: String = "cpu memory pids") throws {
            try FileManager.default.createDirectory(atPath: BuildCgroup.unifiedBase(root: root), withIntermediateDirectories: true)
            try offered.write(toFile: root + "/cgroup.controllers", atomically: true, encoding: .utf8)
            try offered.write(toFile: base + "/cgroup.controllers", atomically: true, encoding: .utf8)
            try delegated.write(toFile: base + "/cgroup.subtree_control", atomically: true, encoding: .utf8)
        }

        /// Makes the group `name` beside rackd's, with empty interface files, as `mkdir` on cgroupfs would.
        @discardableResult
        func group(_ name: String) throws -> String {
            let directory = base + "/" + name
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for file in ["cgroup.procs", "cgroup.kill", "memory.max", "memory.swap.max", "memory.events", "pids.max", "pids.events", "cpu.weight"] {
                FileManager.default.createFile(atPath: directory + "/" + file, contents: nil)
            }
            return directory
        }

        func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    static let limits = BuildLimits(memory: 256 << 20, processes: 64, cpuShares: 512, timeout: 60, disk: 1 << 30, network: .none)

    @Test func aBuildGroupIsMadeBesideRackdsWithEveryLimitWritten() throws {
        let hierarchy = try FakeUnifiedHierarchy()
        defer { hierarchy.remove() }
        let directory = try hierarchy.group("rack-build-1")
        let cgroup = try BuildCgroup(name: "rack-build-1", limits: Self.limits, root: hierarchy.root)
        #expect(cgroup.layout == .v2(directory))
        #expect(hierarchy.read(directory + "/memory.max") == "268435456")
        #expect(hierarchy.read(directory + "/memory.swap.max") == "0")
        #expect(hierarchy.read(directory + "/pids.max") == "64")
        #expect(hierarchy.read(directory + "/cpu.weight") == "\(BuildCgroup.weight(shares: 512))")
        // Every process of the build joins this one group before anything of the build runs.
        #expect(cgroup.procsFiles == [directory + "/cgroup.procs"])
        #expect(cgroup.wrap(["/bin/true"]).joined(separator: " ").contains("echo $$ > \(directory)/cgroup.procs && ulimit -f"))
    }

    @Test func cpuSharesMapOntoTheWholeRangeOfV2Weights() {
        #expect(BuildCgroup.weight(shares: 2) == 1)
        #expect(BuildCgroup.weight(shares: 262_144) == 10_000)
        #expect(BuildCgroup.weight(shares: 512) < BuildCgroup.weight(shares: 1024))
    }

    @Test func theLimitThatStoppedABuildIsReadFromItsV2Events() throws {
        let hierarchy = try FakeUnifiedHierarchy()
        defer { hierarchy.remove() }
        let directory = try hierarchy.group("rack-build-2")
        let cgroup = try BuildCgroup(name: "rack-build-2", limits: Self.limits, root: hierarchy.root)
        try "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n".write(toFile: directory + "/memory.events", atomically: true, encoding: .utf8)
        try "max 0\n".write(toFile: directory + "/pids.events", atomically: true, encoding: .utf8)
        #expect(!cgroup.exceededMemory)
        #expect(!cgroup.exceededProcesses)
        try "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\n".write(toFile: directory + "/memory.events", atomically: true, encoding: .utf8)
        try "max 3\n".write(toFile: directory + "/pids.events", atomically: true, encoding: .utf8)
        #expect(cgroup.exceededMemory)
        #expect(cgroup.exceededProcesses)
    }

    @Test func rackdMovesIntoALeafOfItsOwnBeforeHandingControllersDown() throws {
        let hierarchy = try FakeUnifiedHierarchy(delegated: "")
        defer { hierarchy.remove() }
        try hierarchy.group("rack-build-3")
        try hierarchy.group("rackd")
        _ = try BuildCgroup(name: "rack-build-3", limits: Self.limits, root: hierarchy.root)
        #expect(hierarchy.read(hierarchy.base + "/rackd/cgroup.procs") == "\(getpid())")
    }

    @Test func aV2HierarchyThatOffersNoMemoryControllerIsRefusedAndNothingMoves() throws {
        let hierarchy = try FakeUnifiedHierarchy(offered: "cpu io pids", delegated: "")
        defer { hierarchy.remove() }
        #expect {
            try BuildCgroup(name: "rack-build-4", limits: Self.limits, root: hierarchy.root)
        } throws: { error in
            (error as? RackError)?.message.contains("cgroup v2 offers no memory controller") == true
        }
        #expect(!FileManager.default.fileExists(atPath: hierarchy.base + "/rackd"))
        #expect(!FileManager.default.fileExists(atPath: hierarchy.base + "/rack-build-4"))
    }

    /// This machine's own v2 mount, which offers no controllers (they are all bound to v1 hierarchies).
    static let machineUnifiedMount = "/sys/fs/cgroup/unified"
    static var machineHasAControllerlessV2Mount: Bool {
        guard let offered = try? String(contentsOfFile: machineUnifiedMount + "/cgroup.controllers", encoding: .utf8) else { return false }
        return !offered.contains("memory")
    }

    @Test(.enabled(if: machineHasAControllerlessV2Mount))
    func onTheMachinesRealV2MountWithoutControllersRackRefusesToBuild() throws {
        let name = "rack-build-\(UUID().uuidString.lowercased())"
        let groupsBefore = try String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8)
        #expect {
            try BuildCgroup(name: name, limits: Self.limits, root: Self.machineUnifiedMount)
        } throws: { error in
            (error as? RackError)?.message.contains("cgroup v2 offers no memory controller") == true
        }
        let base = BuildCgroup.unifiedBase(root: Self.machineUnifiedMount)
        #expect(!FileManager.default.fileExists(atPath: base + "/" + name))
        #expect(try String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8) == groupsBefore)
    }
}
