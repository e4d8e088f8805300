import Foundation

/// Runs git for one SSH session and ends it with the session: when the client goes away (sshd closes our
/// stdout) or rack-serve is told to stop, git and everything it started (hooks, builds) are stopped too.
///
/// git runs in a process group of its own, so that one signal reaches all of it. The push lock's descriptor
/// is inherited, so the lock lasts exactly as long as the session's processes.
enum GitSession {
    /// Set from a signal handler: the signal rack-serve was asked to stop with, or 0.
    nonisolated(unsafe) static var stopSignal: Int32 = 0

    /// Runs git to its end and returns the exit status to give sshd.
    static func run(executable: String, arguments: [String], environment: [String: String]) -> Int32 {
        // rack-serve itself must survive a closed pipe to notice it; git gets the default dispositions back.
        signal(SIGPIPE, SIG_IGN)
        for stop in [SIGTERM, SIGHUP, SIGINT] { signal(stop) { GitSession.stopSignal = $0 } }
        // git's exit interrupts the wait in poll at once, rather than at the next 100 ms tick.
        signal(SIGCHLD) { _ in }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for restored in [SIGPIPE, SIGTERM, SIGHUP, SIGINT] { sigaddset(&defaults, restored) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF))
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        var pid: pid_t = 0
        guard posix_spawn(&pid, executable, nil, &attributes, argv, envp) == 0 else { return 1 }

        while true {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { return exitCode(status) }
            if stopSignal != 0 || clientHasGone() { return stop(group: pid) }
        }
    }

    /// Waits up to 100 ms for sshd to close our end of the session (stdout or stderr hung up).
    private static func clientHasGone() -> Bool {
        var watched = [pollfd(fd: 1, events: 0, revents: 0), pollfd(fd: 2, events: 0, revents: 0)]
        guard poll(&watched, nfds_t(watched.count), 100) > 0 else { return false }
        return watched.contains { $0.revents & Int16(POLLHUP | POLLERR) != 0 }
    }

    /// Stops the whole process group: SIGTERM, then SIGKILL after 3 s for what is still there.
    private static func stop(group pid: pid_t) -> Int32 {
        kill(-pid, SIGTERM)
        let deadline = Date().addingTimeInterval(3)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { break }
            usleep(50_000)
        }
        // The leader may be gone while hooks of its group still run: the group gets SIGKILL either way.
        kill(-pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
        return 1
    }

    private static func exitCode(_ status: Int32) -> Int32 {
        (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
