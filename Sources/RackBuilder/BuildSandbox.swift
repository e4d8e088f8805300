import Foundation
import RackCore

/// The sandbox untrusted build code runs in: bubblewrap, started by root, with new pid, ipc, uts and mount
/// namespaces, then `setpriv` down to the build user with no capabilities and `no_new_privs`.
///
/// Every sandbox joins the build's cgroup (memory, processes, CPU) and may write no file larger than the disk
/// limit (both through ``BuildCgroup/wrap(_:)``), runs with the network policy's namespace and a `/tmp` capped at
/// the disk limit.
///
/// Inside: the host's `/usr` and `/etc` read-only (shadow files and `/etc/ssh` masked), a tmpfs `/tmp`, the build
/// dir at `/app` and the cache at `/cache` writable, the env dir at `/env` and buildpacks at `/buildpacks/N`
/// (writable, each a copy for this build so `export` files can be written). Nothing else of the host: not Rack's
/// home, database, keys or secrets.
struct BuildSandbox {
    /// Where things are inside the sandbox.
    static let appPath = "/app"
    static let cachePath = "/cache"
    static let envPath = "/env"
    static let buildpacksPath = "/buildpacks"

    let user: BuildUser
    let limits: BuildLimits
    /// The build's control group, which every sandbox joins before it starts.
    let cgroup: BuildCgroup
    let watchdog: BuildWatchdog
    /// Host paths.
    let appDirectory: String
    let cacheDirectory: String
    let envDirectory: String
    let buildpacksDirectory: String
    /// The clean environment of every command: PATH, HOME, STACK, SOURCE_VERSION, LANG.
    let environment: [String: String]

    init(
        user: BuildUser, workspace: BuildWorkspace, limits: BuildLimits, cgroup: BuildCgroup, watchdog: BuildWatchdog, stack: String,
        sourceVersion: String
    ) {
        self.user = user
        self.limits = limits
        self.cgroup = cgroup
        self.watchdog = watchdog
        appDirectory = workspace.appDirectory
        cacheDirectory = workspace.cacheDirectory
        envDirectory = workspace.envDirectory
        buildpacksDirectory = workspace.buildpacksDirectory
        environment = [
            "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": Self.appPath, "STACK": stack, "SOURCE_VERSION": sourceVersion,
            "LANG": "C.UTF-8",
        ]
    }

    /// Whether the buildpack at `buildpack` (its path inside the sandbox, `/buildpacks/N`) has the executable
    /// `script` (`bin/detect`, `bin/release`), looked up on the host.
    func buildpack(_ buildpack: String, has script: String) -> Bool {
        let host = buildpacksDirectory + buildpack.dropFirst(Self.buildpacksPath.count) + "/" + script
        return FileManager.default.isExecutableFile(atPath: host)
    }

    /// Runs `command` (a path inside the sandbox, and its arguments) in the sandbox to its end, handing its output
    /// to `onOutput` as it prints.
    ///
    /// - Returns: its exit status.
    /// - Throws: ``RackError`` with the user's message when a limit stopped the build or the push was cancelled.
    func stream(_ command: [String], onOutput: ([UInt8]) -> Void) throws(RackError) -> Int32 {
        let status = try start(command).run(shouldStop: watchdog.shouldStop, onOutput: onOutput)
        try checkLimits(status: status)
        return status
    }

    /// Runs `command` in the sandbox to its end and keeps its stdout (stderr dropped), up to `limit` bytes.
    func capture(_ command: [String], limit: Int) throws(RackError) -> (status: Int32, output: [UInt8]) {
        var kept: [UInt8] = []
        let status = try start(command, errorsToNull: true).run(shouldStop: watchdog.shouldStop) { chunk in
            if kept.count < limit { kept += chunk.prefix(limit - kept.count) }
        }
        try checkLimits(status: status)
        return (status, kept)
    }

    /// Which limit, if any, ended the command.
    private func checkLimits(status: Int32) throws(RackError) {
        try watchdog.check()
        // The kernel killed a process for memory: the build is not what its buildpack meant, even if it went on.
        if cgroup.exceededMemory { throw RackError(.invalidParams, "Build exceeded its memory limit (\(ByteSize.describe(limits.memory))).") }
        guard status != 0 else { return }
        if cgroup.exceededProcesses { throw RackError(.invalidParams, "Build exceeded its process limit (\(limits.processes)).") }
        // SIGXFSZ: a file grew past the disk limit.
        if status == 128 + SIGXFSZ { throw RackError(.invalidParams, "Build exceeded its disk limit (\(ByteSize.describe(limits.disk))).") }
    }

    /// Starts `command` (a path inside the sandbox, and its arguments) in the sandbox.
    ///
    /// - Parameter errorsToNull: drop stderr, for commands whose stdout is parsed (`bin/detect`, `bin/release`).
    func start(_ command: [String], errorsToNull: Bool = false) throws(RackError) -> ChildProcess {
        let wrapped = cgroup.wrap(["/usr/bin/bwrap"] + arguments(for: command))
        return try ChildProcess(wrapped[0], Array(wrapped.dropFirst()), environment: [:], errorsToNull: errorsToNull)
    }

    func arguments(for command: [String]) -> [String] {
        var arguments = [
            "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--die-with-parent", "--new-session",
            "--hostname", "build",
        ]
        // Network policy none: a network namespace of its own, with only loopback.
        if limits.network == .none { arguments.append("--unshare-net") }
        arguments += [
            "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
            "--symlink", "usr/lib", "/lib",
        ]
        if FileManager.default.fileExists(atPath: "/usr/lib64") { arguments += ["--symlink", "usr/lib64", "/lib64"] }
        arguments += ["--ro-bind", "/etc", "/etc", "--ro-bind", "/dev/null", "/etc/shadow", "--ro-bind", "/dev/null", "/etc/gshadow"]
        for masked in ["/etc/ssh", "/etc/rack"] where FileManager.default.fileExists(atPath: masked) {
            arguments += ["--tmpfs", masked]
        }
        arguments += [
            // /tmp is memory the kernel caps at the disk limit.
            "--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--size", "\(limits.disk)", "--tmpfs", "/tmp",
            "--bind", appDirectory, Self.appPath, "--bind", cacheDirectory, Self.cachePath,
            "--ro-bind", envDirectory, Self.envPath, "--bind", buildpacksDirectory, Self.buildpacksPath,
            "--clearenv",
        ]
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) { arguments += ["--setenv", name, value] }
        arguments += [
            "--chdir", Self.appPath, "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_SETPCAP", "--",
            "/usr/bin/setpriv", "--reuid", "\(user.uid)", "--regid", "\(user.gid)", "--clear-groups", "--inh-caps=-all",
            "--bounding-set=-all", "--no-new-privs",
        ]
        return arguments + command
    }
}
