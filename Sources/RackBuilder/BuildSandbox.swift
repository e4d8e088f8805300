import Foundation
import RackCore

/// The sandbox untrusted build code runs in: bubblewrap, started by root, with new pid, ipc, uts and mount
/// namespaces, then `setpriv` down to the build user with no capabilities and `no_new_privs`.
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
    /// Host paths.
    let appDirectory: String
    let cacheDirectory: String
    let envDirectory: String
    let buildpacksDirectory: String
    /// The clean environment of every command: PATH, HOME, STACK, SOURCE_VERSION, LANG.
    let environment: [String: String]

    init(user: BuildUser, workspace: BuildWorkspace, stack: String, sourceVersion: String) {
        self.user = user
        appDirectory = workspace.appDirectory
        cacheDirectory = workspace.cacheDirectory
        envDirectory = workspace.envDirectory
        buildpacksDirectory = workspace.buildpacksDirectory
        environment = [
            "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": Self.appPath, "STACK": stack, "SOURCE_VERSION": sourceVersion,
            "LANG": "C.UTF-8",
        ]
    }

    /// Starts `command` (a path inside the sandbox, and its arguments) in the sandbox.
    ///
    /// - Parameter errorsToNull: drop stderr, for commands whose stdout is parsed (`bin/detect`, `bin/release`).
    func start(_ command: [String], errorsToNull: Bool = false) throws(RackError) -> ChildProcess {
        try ChildProcess("/usr/bin/bwrap", arguments(for: command), environment: [:], errorsToNull: errorsToNull)
    }

    func arguments(for command: [String]) -> [String] {
        var arguments = [
            "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--die-with-parent", "--new-session",
            "--hostname", "build",
            "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
            "--symlink", "usr/lib", "/lib",
        ]
        if FileManager.default.fileExists(atPath: "/usr/lib64") { arguments += ["--symlink", "usr/lib64", "/lib64"] }
        arguments += ["--ro-bind", "/etc", "/etc", "--ro-bind", "/dev/null", "/etc/shadow", "--ro-bind", "/dev/null", "/etc/gshadow"]
        for masked in ["/etc/ssh", "/etc/rack"] where FileManager.default.fileExists(atPath: masked) {
            arguments += ["--tmpfs", masked]
        }
        arguments += [
            "--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--tmpfs", "/tmp",
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
