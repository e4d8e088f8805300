import Foundation
import Logging
import RackCore
import ServiceLifecycle

/// Runs the rack's own OpenSSH `sshd` in the foreground as a child of `rackd`: restarted if it dies,
/// stopped when `rackd` stops.
struct SSHDaemonService: Service {
    static let executable = "/usr/sbin/sshd"

    let config: SSHDaemonConfig
    let logger: Logger

    func run() async throws {
        stopLeftoverDaemon()
        let state = ChildState()
        var announced = false
        while !state.isStopping, !Task.isCancelled {
            let process = try start()
            state.current = process
            if !announced, await waitUntilListening(process) {
                announced = true
                let line = "rackd: SSH listening on \(config.address) (user \(config.user))\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
            await withTaskCancellationHandler {
                await withGracefulShutdownHandler {
                    await Self.waitForExit(process, state: state)
                } onGracefulShutdown: {
                    state.stop()
                }
            } onCancel: {
                state.stop()
            }
            if state.isStopping || Task.isCancelled { break }
            logger.warning(
                "sshd exited; restarting it in 1 s",
                metadata: ["ssh.status": "\(state.lastStatus ?? -1)", "ssh.log": "\(config.logPath)"])
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// A rackd killed with SIGKILL leaves its sshd behind, still holding the port: stop it, if the pid file
    /// names a process that runs this very config, before starting a new one.
    private func stopLeftoverDaemon() {
        guard let text = try? String(contentsOfFile: config.pidPath, encoding: .utf8),
            let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1,
            let commandLine = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
            // sshd rewrites its title ("sshd: /usr/sbin/sshd -D -e -f CONFIG [listener] …"), so look for the path.
            String(decoding: commandLine, as: UTF8.self).contains(config.path)
        else { return }
        logger.warning("stopping the sshd a previous rackd left running", metadata: ["ssh.pid": "\(pid)"])
        kill(pid, SIGTERM)
        for _ in 0..<40 where Self.isRunning(pid) { usleep(50_000) }
    }

    /// True while a process runs; a zombie (no init here reaps orphans) counts as ended.
    static func isRunning(_ pid: pid_t) -> Bool {
        guard let stat = FileManager.default.contents(atPath: "/proc/\(pid)/stat"),
            let close = stat.lastIndex(of: UInt8(ascii: ")")), close + 2 < stat.count
        else { return false }
        return stat[close + 2] != UInt8(ascii: "Z")
    }

    private func start() throws -> SpawnedProcess {
        // sshd must not inherit rackd's environment (secrets, AWS settings): it gets a clean one.
        try SpawnedProcess.spawn(
            Self.executable, ["-D", "-e", "-f", config.path],
            environment: ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"], logPath: config.logPath)
    }

    /// Waits until sshd accepts connections (or exits); true once it listens.
    private func waitUntilListening(_ process: SpawnedProcess) async -> Bool {
        for _ in 0..<200 {
            if process.exitStatus() != nil { return false }
            if TCPProbe.accepts(config.address) { return true }
            try? await Task.sleep(for: .milliseconds(25))
        }
        return false
    }

    /// Polls until the child ends; its status is kept for the log.
    private static func waitForExit(_ process: SpawnedProcess, state: ChildState) async {
        while true {
            if let status = process.exitStatus() {
                state.lastStatus = status
                return
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The running sshd and whether rackd is stopping, shared with the shutdown handlers.
    private final class ChildState: @unchecked Sendable {
        private let lock = NSLock()
        private var process: SpawnedProcess?
        private var stopping = false
        private var status: Int32?

        var lastStatus: Int32? {
            get { lock.withLock { status } }
            set { lock.withLock { status = newValue } }
        }

        var current: SpawnedProcess? {
            get { lock.withLock { process } }
            set { lock.withLock { process = newValue } }
        }

        var isStopping: Bool { lock.withLock { stopping } }

        func stop() {
            let running = lock.withLock { () -> SpawnedProcess? in
                stopping = true
                return process
            }
            running?.terminate()
        }
    }
}
