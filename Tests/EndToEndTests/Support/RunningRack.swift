import Foundation
import Testing

/// A real `rackd serve` on a free loopback port, in its own temporary home, for one test; with `ssh`, also
/// its own real sshd on a free loopback port.
final class RunningRack {
    /// sshd refuses a key command under a directory others may write to (such as /tmp): homes of racks
    /// that serve SSH live under this root-owned directory instead.
    static let sshHomesDirectory = "/var/lib/rack-tests"

    let home: String
    let scratch: String
    let servesSSH: Bool
    let extraArguments: [String]
    private(set) var apiURL = ""
    private(set) var sshPort = 0
    private(set) var process: Process?
    /// Where the running rackd's stdout and stderr go.
    private(set) var logPath = ""

    /// What the running rackd has logged.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// The size of the tmpfs the home is mounted on, when the test needs a disk it can fill.
    let homeSize: String?

    init(ssh: Bool = false, extraArguments: [String] = [], homeSize: String? = nil) throws {
        servesSSH = ssh
        self.extraArguments = extraArguments
        self.homeSize = homeSize
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rack-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        if ssh {
            try FileManager.default.createDirectory(
                atPath: Self.sshHomesDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            home = Self.sshHomesDirectory + "/" + UUID().uuidString.lowercased()
        } else {
            home = scratch + "/home"
        }
        if let homeSize {
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
            let mounted = try Shell.run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=\(homeSize),mode=0755", "tmpfs", home])
            guard mounted.succeeded else { throw RackTestFailure("cannot mount a tmpfs home: \(mounted.stderr)") }
        }
        try start()
    }

    deinit {
        stop()
        if homeSize != nil { _ = try? Shell.run("/usr/bin/umount", ["-l", home]) }
        try? FileManager.default.removeItem(atPath: scratch)
        if servesSSH { try? FileManager.default.removeItem(atPath: home) }
    }

    var rackd: String { Shell.binDirectory + "/rackd" }
    var rack: String { Shell.binDirectory + "/rack" }

    /// Starts `rackd serve` and waits for the line that says where it listens.
    ///
    /// - Parameter reusingPorts: listen where the previous `rackd` did (a restart clients need not notice).
    func start(reusingPorts: Bool = false) throws {
        let log = scratch + "/rackd-\(UUID().uuidString).log"
        FileManager.default.createFile(atPath: log, contents: nil)
        logPath = log
        let process = Process()
        process.executableURL = URL(fileURLWithPath: rackd)
        let httpPort = reusingPorts ? URL(string: apiURL)?.port ?? 0 : 0
        let sshPort = reusingPorts ? self.sshPort : 0
        process.arguments = ["serve", "--home", home, "--http", "127.0.0.1:\(httpPort)"] + (servesSSH ? ["--ssh", "127.0.0.1:\(sshPort)"] : []) + extraArguments
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression),
                text.contains("API listening"), !servesSSH || text.contains("SSH listening")
            {
                apiURL = String(text[range])
                if servesSSH, let ssh = text.range(of: #"SSH listening on 127\.0\.0\.1:[0-9]+"#, options: .regularExpression) {
                    self.sshPort = Int(text[ssh].split(separator: ":").last!)!
                }
                return
            }
            guard process.isRunning else { throw RackTestFailure("rackd exited early:\n\(text)") }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw RackTestFailure("rackd did not start within 30 s")
    }

    /// Stops `rackd` with SIGTERM and waits for it to exit.
    func stop() {
        guard let process, process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
        self.process = nil
    }

    /// `rackd users:create EMAIL`; returns the token (the last line).
    func createUser(_ email: String, admin: Bool = false) throws -> String {
        let result = try Shell.run(rackd, ["users:create", email, "--home", home] + (admin ? ["--admin"] : []))
        guard result.succeeded, let token = result.stdout.split(separator: "\n").last else {
            throw RackTestFailure("users:create failed: \(result.stderr)")
        }
        return String(token)
    }

    /// The environment of one CLI user: their own config dir and HOME.
    func user(_ name: String) throws -> CLIUser {
        let home = scratch + "/users/\(name)"
        try FileManager.default.createDirectory(atPath: home + "/.ssh", withIntermediateDirectories: true)
        return CLIUser(rack: rack, home: home)
    }
}

/// One person at a terminal: `rack` with their own HOME (and so their own stored login).
struct CLIUser {
    let rack: String
    let home: String

    var environment: [String: String] {
        ["HOME": home, "XDG_CONFIG_HOME": home + "/.config", "RACK_API_URL": "", "RACK_API_TOKEN": ""]
    }

    @discardableResult
    func run(_ arguments: String..., in directory: String? = nil) throws -> CommandResult {
        try Shell.run(rack, arguments, environment: environment, directory: directory ?? home)
    }

    func run(arguments: [String], in directory: String? = nil) throws -> CommandResult {
        try Shell.run(rack, arguments, environment: environment, directory: directory ?? home)
    }
}

struct RackTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
