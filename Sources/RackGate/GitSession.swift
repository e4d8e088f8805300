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

        // A thread waits for git and reports its end through a pipe, so that one poll watches for both the
        // end of git and the end of the client.
        var exited: [Int32] = [0, 0]
        guard pipe(&exited) == 0 else { return stop(group: pid) }
        let reaper = ExitReaper(pid: pid, notify: exited[1])
        Thread.detachNewThread { reaper.wait() }
        while true {
            if let status = reaper.status { return exitCode(status) }
            if stopSignal != 0 || clientHasGone(orExited: exited[0]) {
                if let status = reaper.status { return exitCode(status) }
                return stop(group: pid, reaper: reaper)
            }
        }
    }

    /// Waits up to 1 s for git to end (true from the pipe) or for sshd to close our end of the session.
    private static func clientHasGone(orExited exitPipe: Int32) -> Bool {
        var watched = [
            pollfd(fd: exitPipe, events: Int16(POLLIN), revents: 0), pollfd(fd: 1, events: 0, revents: 0),
            pollfd(fd: 2, events: 0, revents: 0),
        ]
        guard poll(&watched, nfds_t(watched.count), 1000) > 0 else { return false }
        return watched.dropFirst().contains { $0.revents & Int16(POLLHUP | POLLERR) != 0 }
    }

    /// Stops the whole process group: SIGTERM, then SIGKILL after 3 s for what is still there.
    private static func stop(group pid: pid_t, reaper: ExitReaper? = nil) -> Int32 {
        kill(-pid, SIGTERM)
        let deadline = Date().addingTimeInterval(3)
        while Date() < deadline, reaper?.status == nil {
            usleep(50_000)
        }
        // The leader may be gone while hooks of its group still run: the group gets SIGKILL either way.
        kill(-pid, SIGKILL)
        return 1
    }

    /// Blocks in `waitpid` for one child on its own thread; its status, once it ended, is read under a lock.
    final class ExitReaper: @unchecked Sendable {
        private let pid: pid_t
        private let notify: Int32
        private let lock = NSLock()
        private var exitStatus: Int32?

        init(pid: pid_t, notify: Int32) {
            self.pid = pid
            self.notify = notify
        }

        var status: Int32? { lock.withLock { exitStatus } }

        func wait() {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0, errno == EINTR {}
            lock.withLock { exitStatus = status }
            var byte: UInt8 = 1
            _ = write(notify, &byte, 1)
        }
    }

    private static func exitCode(_ status: Int32) -> Int32 {
        (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
