import Foundation
import RackCore

/// The control group of one build: every sandbox of the build joins it before bubblewrap starts, so the kernel
/// holds all of the build's processes to its memory, process and CPU limits and the runner can tell which limit
/// stopped it and end everything in it.
///
/// cgroup v1 (one hierarchy a controller, as on this machine's hybrid layout) and v2 (the unified hierarchy of
/// current hosts) both work; the build's group is made under rackd's own group, so it nests in whatever limits
/// rackd itself runs under.
final class BuildCgroup {
    enum Layout: Equatable {
        /// v1: the build's directory in each controller's hierarchy.
        case v1(memory: String, pids: String, cpu: String?)
        /// v2: the build's directory in the unified hierarchy.
        case v2(String)
    }

    let layout: Layout
    let limits: BuildLimits

    /// Makes the group and writes its limits.
    ///
    /// - Throws: ``RackError`` `.unavailable` when this machine has no cgroup Rack may write to; the message
    ///   says what to do.
    init(name: String, limits: BuildLimits, root: String = "/sys/fs/cgroup") throws(RackError) {
        self.limits = limits
        guard let layout = Self.layout(named: name, root: root) else {
            throw RackError(.unavailable, "This machine has no memory and pids cgroups to hold builds in: mount cgroup v2 (or v1's memory and pids controllers) at \(root).")
        }
        self.layout = layout
        switch layout {
        case .v2(let directory):
            try Self.delegateControllers(base: Self.unifiedBase(root: root))
            try Self.makeDirectory(directory)
            try write("\(limits.memory)", to: directory + "/memory.max")
            try? write("0", to: directory + "/memory.swap.max")
            try write("\(limits.processes)", to: directory + "/pids.max")
            try? write("\(Self.weight(shares: limits.cpuShares))", to: directory + "/cpu.weight")
        case .v1(let memory, let pids, let cpu):
            try Self.makeDirectory(memory)
            try Self.makeDirectory(pids)
            if let cpu { try? Self.makeDirectory(cpu) }
            try write("\(limits.memory)", to: memory + "/memory.limit_in_bytes")
            // With swap accounting, memory and swap together: a build cannot swap its way past its limit.
            try? write("\(limits.memory)", to: memory + "/memory.memsw.limit_in_bytes")
            try write("\(limits.processes)", to: pids + "/pids.max")
            if let cpu { try? write("\(limits.cpuShares)", to: cpu + "/cpu.shares") }
        }
    }

    /// The group of an earlier build, if it is still there (rackd stopped while it ran); nil when it is gone.
    static func leftOver(name: String, root: String = "/sys/fs/cgroup") -> BuildCgroup? {
        guard let layout = layout(named: name, root: root) else { return nil }
        let directories: [String] = switch layout {
        case .v1(let memory, let pids, _): [memory, pids]
        case .v2(let directory): [directory]
        }
        guard directories.contains(where: { FileManager.default.fileExists(atPath: $0) }) else { return nil }
        return BuildCgroup(layout: layout)
    }

    private init(layout: Layout) {
        self.layout = layout
        limits = .defaults
    }

    /// Where the group `name` lives, beside rackd's own groups; nil when v1 has no memory or pids hierarchy for rackd.
    static func layout(named name: String, root: String) -> Layout? {
        if FileManager.default.fileExists(atPath: root + "/cgroup.controllers") {
            return .v2(unifiedBase(root: root) + "/" + name)
        }
        let own = rackdGroups
        guard let memory = own["memory"], let pids = own["pids"],
            FileManager.default.fileExists(atPath: root + "/memory" + memory),
            FileManager.default.fileExists(atPath: root + "/pids" + pids)
        else { return nil }
        return .v1(
            memory: root + "/memory" + memory + "/" + name, pids: root + "/pids" + pids + "/" + name,
            cpu: own["cpu"].map { root + "/cpu" + $0 + "/" + name })
    }

    /// The `cgroup.procs` files a process writes its pid to, to join the group.
    var procsFiles: [String] {
        switch layout {
        case .v1(let memory, let pids, let cpu): [memory, pids, cpu].compactMap { $0 }.map { $0 + "/cgroup.procs" }
        case .v2(let directory): [directory + "/cgroup.procs"]
        }
    }

    /// `command`, started through a shell that first moves itself into the group (so nothing the build starts
    /// is ever outside it) and caps the size of any file it writes at the disk limit (RLIMIT_FSIZE, inherited by
    /// everything below; no core dumps), then `exec`s the command.
    func wrap(_ command: [String]) -> [String] {
        let joins = procsFiles.map { "echo $$ > \($0)" }.joined(separator: " && ")
        let blocks = max(1, limits.disk / 512)
        return ["/bin/sh", "-c", "\(joins) && ulimit -f \(blocks) && ulimit -c 0 && exec \"$@\"", "rack-build-join"] + command
    }

    /// Whether the kernel killed a process of the build for its memory.
    var exceededMemory: Bool {
        switch layout {
        case .v1(let memory, _, _):
            if let kills = Self.counter("oom_kill", in: memory + "/memory.oom_control") { return kills > 0 }
            return (Self.counter(nil, in: memory + "/memory.failcnt") ?? 0) > 0
        case .v2(let directory):
            return (Self.counter("oom_kill", in: directory + "/memory.events") ?? 0) > 0
        }
    }

    /// Whether a fork of the build failed for the process limit.
    var exceededProcesses: Bool {
        switch layout {
        case .v1(_, let pids, _): (Self.counter("max", in: pids + "/pids.events") ?? 0) > 0
        case .v2(let directory): (Self.counter("max", in: directory + "/pids.events") ?? 0) > 0
        }
    }

    /// The processes in the group now.
    var processes: [pid_t] {
        let file = procsFiles[0]
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { pid_t($0) }
    }

    /// Ends every process in the group, then removes it. Nothing of the build outlives this.
    func destroy() {
        if case .v2(let directory) = layout { try? write("1", to: directory + "/cgroup.kill") }
        for _ in 0..<100 {
            let left = processes
            if left.isEmpty { break }
            for pid in left { kill(pid, SIGKILL) }
            usleep(10_000)
        }
        let directories: [String] = switch layout {
        case .v1(let memory, let pids, let cpu): [memory, pids, cpu].compactMap { $0 }
        case .v2(let directory): [directory]
        }
        for directory in directories {
            for _ in 0..<50 where rmdir(directory) != 0 && errno == EBUSY { usleep(10_000) }
        }
    }

    private func write(_ value: String, to file: String) throws(RackError) {
        let descriptor = open(file, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw RackError(.unavailable, "Cannot open \(file) (\(String(cString: strerror(errno)))): rackd must run as root to limit builds.") }
        defer { close(descriptor) }
        let bytes = Array(value.utf8)
        guard Glibc.write(descriptor, bytes, bytes.count) == bytes.count else {
            throw RackError(.unavailable, "Cannot set \(file) to \(value) (\(String(cString: strerror(errno)))).")
        }
    }

    /// rackd's own group in each hierarchy (`/proc/self/cgroup`), read once: controller name (v2: "") → path.
    static let rackdGroups: [String: String] = {
        let text = (try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8)) ?? ""
        var groups: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            for controller in fields[1].split(separator: ",", omittingEmptySubsequences: false) {
                groups[String(controller)] = String(fields[2])
            }
        }
        return groups
    }()

    /// v2: the group build groups are made in, rackd's own (or its parent, once rackd moved into its `rackd` leaf).
    static func unifiedBase(root: String) -> String {
        let group = rackdGroups[""] ?? "/"
        let own = group == "/" ? root : root + group
        return own.hasSuffix("/rackd") ? String(own.dropLast("/rackd".count)) : own
    }

    /// v2 allows controllers for children only in a group with no processes of its own: rackd moves itself into
    /// a leaf `rackd` once, then `base` hands memory, pids and cpu down to the build groups beside it.
    private static func delegateControllers(base: String) throws(RackError) {
        let wanted = ["memory", "pids", "cpu"]
        let enabled = ((try? String(contentsOfFile: base + "/cgroup.subtree_control", encoding: .utf8)) ?? "").split(whereSeparator: \.isWhitespace)
        if wanted.allSatisfy({ enabled.contains(Substring($0)) }) { return }
        // Nothing moves unless the limits can be handed down: memory and pids must be offered to this group.
        let offered = ((try? String(contentsOfFile: base + "/cgroup.controllers", encoding: .utf8)) ?? "").split(whereSeparator: \.isWhitespace)
        for controller in ["memory", "pids"] where !offered.contains(Substring(controller)) {
            throw RackError(
                .unavailable,
                "cgroup v2 offers no \(controller) controller to rackd's group \(base), so builds cannot be limited: enable it in the parent group's cgroup.subtree_control (or run rackd where it is delegated).")
        }
        try makeDirectory(base + "/rackd")
        let procs = open(base + "/rackd/cgroup.procs", O_WRONLY | O_CLOEXEC)
        if procs >= 0 {
            let pid = Array("\(getpid())".utf8)
            _ = Glibc.write(procs, pid, pid.count)
            close(procs)
        }
        for controller in wanted {
            let control = open(base + "/cgroup.subtree_control", O_WRONLY | O_CLOEXEC)
            guard control >= 0 else { break }
            let text = Array("+\(controller)".utf8)
            let written = Glibc.write(control, text, text.count)
            close(control)
            if written < 0, controller != "cpu" {
                throw RackError(.unavailable, "Cannot hand the \(controller) controller to build cgroups under \(base): delegate memory and pids to rackd's cgroup.")
            }
        }
    }

    private static func makeDirectory(_ path: String) throws(RackError) {
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw RackError(.unavailable, "Cannot create the build's cgroup \(path) (\(String(cString: strerror(errno)))): rackd must run as root to limit builds.")
        }
    }

    /// A number in a cgroup file: the value after `key` on its line, or the whole file when `key` is nil.
    static func counter(_ key: String?, in file: String) -> Int? {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        guard let key else { return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) }
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 2, fields[0] == key { return Int(fields[1]) }
        }
        return nil
    }

    /// v1 `cpu.shares` (2–262144) → v2 `cpu.weight` (1–10000), linearly over the whole range, as runc maps them.
    static func weight(shares: Int) -> Int {
        1 + ((shares - 2) * 9999) / 262_142
    }
}
