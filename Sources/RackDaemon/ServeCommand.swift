import ArgumentParser
import Foundation
import Hummingbird
import Logging
import RackAPI
import RackBuilder
import RackCore
import RackStore
import ServiceLifecycle

/// `rackd serve`: runs the API (and, with `--ssh`, the rack's own sshd) in the foreground until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the API server (and with --ssh its own sshd) in the foreground; stop it with SIGTERM or SIGINT.")

    @OptionGroup var home: HomeOption

    @Option(help: "Address the API listens on, HOST:PORT; port 0 picks a free one (default: $RACK_HTTP or 127.0.0.1:5000).")
    var http: String?

    @Option(help: "Start and supervise Rack's own sshd on HOST:PORT (port 0 picks a free one) (default: $RACK_SSH).")
    var ssh: String?

    @Option(help: "Serve pushes through the machine's own sshd (see install.sh --system), reachable at HOST:PORT.")
    var systemSSH: String?

    @Option(help: "The system user sshd serves pushes as.")
    var sshUser: String = "git"

    @Option(help: "How long a push waits for another push to the same app, in seconds.")
    var pushLockTimeout: Double = 600

    @Option(
        name: .customLong("buildpack"),
        help: "A buildpack detection tries, in order: a directory or a buildpack URL; repeat it (default: $RACK_BUILDPACKS, comma-separated, else the buildpacks shipped with Rack).")
    var buildpacks: [String] = []

    @Option(help: "The largest slug, compressed, in MiB.")
    var slugLimit: Int = 500

    @Option(help: "The unprivileged user build code runs as (neither root nor the SSH user).")
    var buildUser: String = "rack-build"

    @OptionGroup(title: "Build limits (an operator sets other values for one app with rackd apps:limits)")
    var buildLimits: BuildLimitOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let httpAddress = try HostAndPort(parsing: http ?? environment["RACK_HTTP"] ?? "127.0.0.1:5000")
        let home = try home.resolve()
        let lock = try ServeLock(home: home, purpose: "stop it first, or give this one another --home")
        defer { close(lock.descriptor) }
        let store = try RackStore(home: home)
        var logger = Logger(label: "rackd")
        logger.logLevel = environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info

        let gate = try await prepareSSHGate(home: home, logger: logger, environment: environment)
        if gate.setup != nil {
            let runner = BuildRunner(
                settings: BuildRunnerSettings(
                    home: home, sshUser: try SystemUser.named(sshUser), buildUserName: buildUser,
                    installedBuildpacks: installedBuildpacks(environment: environment), slugLimit: slugLimit << 20,
                    limits: try BuildLimits.defaults.applying(buildLimits.overrides()).validated()),
                store: store)
            try await runner.start()
        }
        let settings = APISettings(
            sshHost: gate.address.host, sshPort: gate.address.port, sshUser: sshUser,
            internalSecret: try home.internalSecret(), gateSecret: gate.setup == nil ? nil : try home.gateSecret(),
            repositories: gate.repositories)
        let gateSecret = settings.gateSecret
        let sshUser = sshUser
        let pushLockTimeout = pushLockTimeout
        let gateLogger = logger
        let app = Application(
            router: RackAPI.makeRouter(store: store, settings: settings),
            configuration: .init(address: .hostname(httpAddress.host, port: httpAddress.port), serverName: "rack"),
            services: gate.services,
            onServerRunning: { channel in
                // Where the API really listens (port 0 resolved): for the gate, and the line scripts wait for.
                let port = channel.localAddress?.port ?? httpAddress.port
                if let setup = gate.setup, let gateSecret {
                    let host = ["0.0.0.0", "::"].contains(httpAddress.host) ? "127.0.0.1" : httpAddress.host
                    do {
                        try setup.writeGateSettings(
                            GateSettings(
                                apiURL: "http://\(HostAndPort(host: host, port: port))", secret: gateSecret, sshUser: sshUser,
                                home: home.path, pushLockTimeout: pushLockTimeout))
                    } catch {
                        gateLogger.error("cannot write the SSH gate's settings", metadata: ["error": "\(error)"])
                    }
                }
                let line = "rackd: API listening on http://\(httpAddress.host):\(port) (home \(home.path))\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            },
            logger: logger
        )
        try await app.runService()
    }

    /// What serving SSH needs: the address users push to, the gate's files, and sshd itself when it is ours.
    private func prepareSSHGate(
        home: RackHome, logger: Logger, environment: [String: String]
    ) async throws -> (address: HostAndPort, setup: SSHGateSetup?, repositories: AppRepositories?, services: [any Service]) {
        let own = ssh ?? environment["RACK_SSH"]
        guard let requested = own ?? systemSSH else {
            // No SSH here: the API alone; app git URLs name the conventional address.
            return (HostAndPort(host: "127.0.0.1", port: 2222), nil, nil, [])
        }
        guard own == nil || systemSSH == nil else {
            throw ValidationError("Use --ssh (Rack's own sshd) or --system-ssh (the machine's), not both.")
        }
        var address = try HostAndPort(parsing: requested)
        if address.port == 0 { address.port = try TCPProbe.freePort(host: address.host) }
        let user = try SystemUser.named(sshUser)
        let setup = SSHGateSetup(home: home, user: user, binariesDirectory: Self.binariesDirectory)
        try setup.prepare()
        let repositories = AppRepositories(home: home, owner: user)
        guard own != nil else { return (address, setup, repositories, []) }

        let config = SSHDaemonConfig(home: home, address: address, user: sshUser)
        try setup.ensureHostKey(at: config.hostKeyPath)
        do { try config.text.write(toFile: config.path, atomically: true, encoding: .utf8) } catch {
            throw RackError(.internalError, "Cannot write \(config.path).", cause: error)
        }
        let check = ProcessRunner.run(SSHDaemonService.executable, ["-t", "-f", config.path])
        guard check.status == 0 else {
            throw RackError(
                .internalError,
                "sshd refuses its configuration \(config.path): \(check.output) (is openssh-server installed? install.sh installs it)")
        }
        return (address, setup, repositories, [SSHDaemonService(config: config, logger: logger)])
    }

    /// The buildpacks detection tries: `--buildpack`, else `$RACK_BUILDPACKS`, else those shipped with Rack
    /// (`buildpacks/` beside the binaries' directory, or in the source tree), Python before Procfile.
    private func installedBuildpacks(environment: [String: String]) -> [String] {
        if !buildpacks.isEmpty { return buildpacks }
        if let listed = environment["RACK_BUILDPACKS"], !listed.isEmpty {
            return listed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let candidates = ["/..", "/../..", "/../../.."].map { Self.binariesDirectory + $0 + "/buildpacks" }
        guard let shipped = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/procfile/bin/detect") }) else { return [] }
        let root = (shipped as NSString).standardizingPath
        return ["python", "procfile"].map { root + "/" + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// Where `rackd` itself is: `rack-keys` and `rack-serve` are built beside it.
    static var binariesDirectory: String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return (executable as NSString).deletingLastPathComponent
    }
}
