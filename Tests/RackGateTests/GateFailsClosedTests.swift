import Foundation
import RackCore
import RackGate
import Testing

/// The gate against an API that is not there: the forced command says Rack is unavailable, and the key lookup
/// lets a key in only to hear that (it cannot tell whether the key is registered). (How long they wait is measured, not asserted: see bench/.)
@Suite struct GateFailsClosedTests {
    /// A home whose gate.json points at a loopback port nothing listens on.
    struct DeadAPIHome {
        let home: RackHome

        init(sshUser: String = "git") throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("gate-\(UUID().uuidString)").path
            home = try RackHome(path: path).prepared()
            try FileManager.default.createDirectory(atPath: home.sshDirectory, withIntermediateDirectories: true)
            let settings = GateSettings(
                apiURL: "http://127.0.0.1:1", secret: "secret", sshUser: sshUser, home: home.path, apiTimeout: 2)
            try JSONEncoder().encode(settings).write(to: URL(fileURLWithPath: home.gateSettingsPath))
        }

        func remove() { try? FileManager.default.removeItem(atPath: home.path) }
    }

    static let appUUID = "0f0e0d0c-0b0a-0908-0706-050403020100"

    @Test(arguments: ["git-receive-pack 'my-app.git'", "git-upload-pack '/my-app.git'", ""])
    func theForcedCommandSaysRackIsUnavailable(command: String) async throws {
        let dead = try DeadAPIHome()
        defer { dead.remove() }
        let outcome = await ForcedCommand(
            arguments: [dead.home.path, "key-\(Self.appUUID)"], environment: ["SSH_ORIGINAL_COMMAND": command]
        ).run()
        #expect(outcome == .exit(status: 1, message: " !  Rack is unavailable right now; try again shortly."))
        #expect(!FileManager.default.fileExists(atPath: dead.home.repositoriesDirectory + "/\(Self.appUUID).git"))
    }

    @Test func aBadCommandIsRefusedBeforeTheAPIIsAsked() async throws {
        let dead = try DeadAPIHome()
        defer { dead.remove() }
        let outcome = await ForcedCommand(
            arguments: [dead.home.path, "key-\(Self.appUUID)"], environment: ["SSH_ORIGINAL_COMMAND": "sh -c id"]
        ).run()
        guard case .exit(1, let message) = outcome else { Issue.record("expected a refusal, got \(outcome)"); return }
        #expect(message.hasPrefix(" !  Rack does not run `sh`"))
    }

    @Test(arguments: [[], ["/home with space", "key-1"], ["relative/home", "key-1"], ["/var/lib/rack", "nokey"]])
    func malformedArgumentsAreRefused(arguments: [String]) async {
        let outcome = await ForcedCommand(arguments: arguments, environment: [:]).run()
        #expect(outcome == .exit(status: 1, message: " !  This key is misconfigured on the rack: ask its operator."))
    }

    @Test func whenTheAPIIsDownTheKeyLookupLetsAKeyInOnlyToHearThatRackIsUnavailable() async throws {
        let dead = try DeadAPIHome()
        defer { dead.remove() }
        let key = try Self.publicKey()
        let line = await AuthorizedKeysLookup.line(
            arguments: [dead.home.path, "git", key.type, key.base64], servePath: "/usr/local/lib/rack/bin/rack-serve")
        #expect(line == "command=\"/usr/local/lib/rack/bin/rack-serve \(dead.home.path) unavailable\",restrict \(key.authorizedKeyText)")
        let outcome = await ForcedCommand(arguments: [dead.home.path, "unavailable"], environment: ["SSH_ORIGINAL_COMMAND": "git-receive-pack 'my-app.git'"]).run()
        #expect(outcome == .exit(status: 1, message: " !  Rack is unavailable right now; try again shortly."))
    }

    @Test(arguments: ["root", "alice", ""])
    func theKeyLookupServesOnlyTheSSHUser(user: String) async throws {
        let dead = try DeadAPIHome()
        defer { dead.remove() }
        let key = try Self.publicKey()
        let line = await AuthorizedKeysLookup.line(
            arguments: [dead.home.path, user, key.type, key.base64], servePath: "/usr/local/lib/rack/bin/rack-serve")
        #expect(line == nil)
    }

    @Test func theKeyLookupAnswersNothingForAMalformedKey() async throws {
        let dead = try DeadAPIHome()
        defer { dead.remove() }
        let line = await AuthorizedKeysLookup.line(
            arguments: [dead.home.path, "git", "ssh-ed25519", "bm90IGEga2V5"], servePath: "/usr/local/lib/rack/bin/rack-serve")
        #expect(line == nil)
    }

    /// A real key from ssh-keygen.
    static func publicKey() throws -> PublicKey {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gate-key-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path); try? FileManager.default.removeItem(atPath: path + ".pub") }
        let keygen = Process()
        keygen.executableURL = URL(fileURLWithPath: "/usr/bin/ssh-keygen")
        keygen.arguments = ["-q", "-N", "", "-t", "ed25519", "-f", path]
        try keygen.run()
        keygen.waitUntilExit()
        return try PublicKey(parsing: String(contentsOfFile: path + ".pub", encoding: .utf8))
    }
}
