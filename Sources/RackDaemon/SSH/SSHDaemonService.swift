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
