import Foundation
import RackCore

/// A long-lived child started with `posix_spawn` and watched with `waitpid(WNOHANG)`.
///
/// (Foundation's `Process` reaps its children from one monitoring thread with a blocking wait; a child that
/// runs for days, like sshd, would stall the exit of every short-lived `Process` started after it.)
struct SpawnedProcess: Sendable {
    let pid: pid_t

    /// Starts `executable` with stdin from /dev/null and stdout and stderr appended to `logPath`.
    static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String], logPath: String
    ) throws(RackError) -> SpawnedProcess {
        let log = open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard log >= 0 else { throw RackError(.internalError, "Cannot open \(logPath) (errno \(errno)).") }
        defer { close(log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, log, 1)
        posix_spawn_file_actions_adddup2(&actions, log, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard result == 0 else {
            throw RackError(.internalError, "Cannot start \(executable): \(String(cString: strerror(result))).")
        }
        return SpawnedProcess(pid: pid)
    }

    /// The exit status once the child has ended (reaping it), nil while it runs.
    func exitStatus() -> Int32? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == 0 { return nil }
        if result < 0 { return -1 }
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    func terminate() { kill(pid, SIGTERM) }
}
