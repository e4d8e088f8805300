import Foundation

/// A child started with `posix_spawn`, its stdout and stderr on one pipe, run to its end on the calling thread
/// (never on Swift's cooperative pool: a build may run for minutes).
///
/// The child leads a process group of its own, so ``kill()`` reaches everything it started.
public final class ChildProcess {
    public let pid: pid_t
    /// The read end of the child's stdout and stderr.
    public let output: Int32

    /// - Parameters:
    ///   - workingDirectory: where the child starts; nil keeps the runner's.
    ///   - errorsToNull: send stderr to /dev/null, keeping stdout alone on the pipe (for output that is parsed).
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String], workingDirectory: String? = nil,
        errorsToNull: Bool = false
    ) throws(RackError) {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw RackError(.unavailable, "Cannot make a pipe (errno \(errno)).") }
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        if errorsToNull {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        } else {
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 2)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for restored in [SIGPIPE, SIGTERM, SIGHUP, SIGINT] { sigaddset(&defaults, restored) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF))
        // Glibc's posix_spawn_file_actions_addchdir_np is not imported: `env -C` changes directory instead.
        let (executable, arguments) = workingDirectory.map { ("/usr/bin/env", ["-C", $0, "--", executable] + arguments) } ?? (executable, arguments)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(pipeEnds[1])
        guard result == 0 else {
            close(pipeEnds[0])
            throw RackError(.internalError, "Cannot start \(executable): \(String(cString: strerror(result))).")
        }
        self.pid = pid
        output = pipeEnds[0]
    }

    deinit { close(output) }

    /// Reads what the child prints, handing each chunk to `onOutput` as it comes, until it closes its output;
    /// `shouldStop` is asked every `checkInterval` ms and ends the child when true. Then waits for its exit.
    ///
    /// - Returns: the exit status (128 + signal for a killed child).
    public func run(checkInterval: Int32 = 500, shouldStop: () -> Bool = { false }, onOutput: ([UInt8]) -> Void) -> Int32 {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var watched = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            let ready = poll(&watched, 1, checkInterval)
            if shouldStop() {
                kill()
                break
            }
            guard ready > 0 else { continue }
            let got = buffer.withUnsafeMutableBytes { read(output, $0.baseAddress!, $0.count) }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { break }
            onOutput(Array(buffer[0..<got]))
        }
        return waitForExit()
    }

    /// Runs to the end and returns the exit status and everything printed (up to `limit` bytes kept).
    public func collect(limit: Int = 1 << 20) -> (status: Int32, output: [UInt8]) {
        var collected: [UInt8] = []
        let status = run { chunk in if collected.count < limit { collected += chunk.prefix(limit - collected.count) } }
        return (status, collected)
    }

    /// Ends the child's whole process group.
    public func kill() {
        Glibc.kill(-pid, SIGKILL)
        Glibc.kill(pid, SIGKILL)
    }

    private func waitForExit() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Runs a helper program to its end: its status and output as text.
    public static func runToEnd(_ executable: String, _ arguments: [String], environment: [String: String] = ChildProcess.plainEnvironment) -> (status: Int32, output: String) {
        do {
            let child = try ChildProcess(executable, arguments, environment: environment)
            let result = child.collect()
            return (result.status, String(decoding: result.output, as: UTF8.self))
        } catch {
            return (127, error.message)
        }
    }

    /// What helpers Rack trusts (git, tar, curl, chown) run with: nothing of rackd's own environment.
    public static let plainEnvironment = ["PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": "/nonexistent"]
}
