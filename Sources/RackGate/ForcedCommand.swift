import Foundation
import NIOCore
import RackClient
import RackCore

/// `rack-serve HOME key-ID`, the forced command of every key: it parses `SSH_ORIGINAL_COMMAND` strictly,
/// asks the API whether the key may push to or fetch from the app, takes the app's push lock, and runs
/// `git receive-pack` or `git upload-pack` on the app's repository for as long as the client stays.
///
/// stdout belongs to the git protocol: everything Rack says goes to stderr, git-style (` !  …`).
public struct ForcedCommand {
    /// What the command ends in: an exit with a message for the user, or git.
    public enum Outcome: Equatable {
        case exit(status: Int32, message: String)
        case runGit(executable: String, arguments: [String], environment: [String: String])
    }

    let arguments: [String]
    let environment: [String: String]

    public init(arguments: [String], environment: [String: String]) {
        self.arguments = arguments
        self.environment = environment
    }

    static let unavailable = " !  Rack is unavailable right now; try again shortly."
    /// The second argument `rack-keys` gives a key it could not look up because the API did not answer.
    static let unavailableArgument = "unavailable"
    /// Below this much free space in the rack's home, pushes are refused before git writes anything.
    static let leastFreeForAPush: UInt64 = 16 << 20

    public func run() async -> Outcome {
        if arguments.count == 2, arguments[1] == Self.unavailableArgument {
            return .exit(status: 1, message: Self.unavailable)
        }
        guard arguments.count == 2, ForcedCommandLine.isSafe(arguments[0]), arguments[1].hasPrefix("key-") else {
            return .exit(status: 1, message: " !  This key is misconfigured on the rack: ask its operator.")
        }
        let home = RackHome(path: arguments[0])
        let keyID = String(arguments[1].dropFirst("key-".count))
        let log = GateLog(file: home.repositoriesDirectory + "/gate.log")
        let settings: GateSettings
        do { settings = try GateSettings.load(home: home) } catch {
            log.write("rack-serve: \(error)")
            return .exit(status: 1, message: Self.unavailable)
        }
        let client = RackAPIClient(
            apiURL: settings.apiURL, internalSecret: settings.secret, timeout: .milliseconds(Int64(settings.apiTimeout * 1000)))

        let requested = environment["SSH_ORIGINAL_COMMAND"] ?? ""
        if requested.isEmpty {
            return await greeting(keyID: keyID, client: client, log: log)
        }
        let command: SSHCommand
        do { command = try SSHCommand(parsing: requested) } catch {
            log.write("rack-serve: refused command from key \(keyID): \(error.message)")
            return .exit(status: 1, message: " !  \(error.message)")
        }
        let access: InternalAccessResource
        do {
            access = try await client.gateAccess(keyID: keyID, app: command.app, mode: command.verb.access)
        } catch {
            switch error.code {
            case .notFound: return .exit(status: 1, message: " !  No such app as \(command.app).")
            case .forbidden: return .exit(status: 1, message: " !  You don't have access to \(command.app).")
            case .unauthorized: return .exit(status: 1, message: " !  This key is no longer registered: add it again with `rack keys:add`.")
            default:
                log.write("rack-serve: access check for \(command.app) failed: \(error)")
                return .exit(status: 1, message: Self.unavailable)
            }
        }
        return open(command, app: access, home: home, settings: settings, log: log)
    }

    /// Hands the connection to git on the app's repository, under the push lock when pushing.
    private func open(
        _ command: SSHCommand, app access: InternalAccessResource, home: RackHome, settings: GateSettings, log: GateLog
    ) -> Outcome {
        let repository: BareRepository
        do {
            repository = BareRepository(path: try home.repositoryPath(appID: access.app.id))
            try repository.ensureExists()
        } catch {
            log.write("rack-serve: repository of \(access.app.name) (\(access.app.id)): \(error)")
            return .exit(status: 1, message: Self.unavailable)
        }
        if command.verb == .receivePack {
            // A push needs room for its objects, the checkout and the slug: refuse it before git writes anything.
            if let free = FreeSpace.available(at: repository.path), free < Self.leastFreeForAPush {
                log.write("rack-serve: refused a push to \(access.app.name): \(free) bytes free under \(home.path)")
                return .exit(
                    status: 1,
                    message: " !  Rack's disk is full (\(free >> 20) MiB free): ask the rack's operator to free space, then push again.")
            }
            do {
                _ = try PushLock(path: repository.path + ".lock").acquire(timeout: settings.pushLockTimeout) {
                    DescriptorWrite.standardError("-----> Waiting for another push to \(command.app) to finish…")
                }
            } catch {
                return .exit(
                    status: 1,
                    message: " !  Another push to \(command.app) is still running after \(Int(settings.pushLockTimeout)) s: try again when it ends.")
            }
        }
        var gitEnvironment: [String: String] = [
            "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": environment["HOME"] ?? "/nonexistent", "LANG": "C.UTF-8",
            "RACK_HOME": home.path, "RACK_APP": access.app.name, "RACK_APP_ID": access.app.id,
            "RACK_USER": access.user.email, "RACK_USER_ID": access.user.id,
        ]
        // Protocol v2 for fetches, when the client asks for it (sshd passes it with AcceptEnv).
        if let protocolVersion = environment["GIT_PROTOCOL"], protocolVersion.utf8.count < 64 {
            gitEnvironment["GIT_PROTOCOL"] = protocolVersion
        }
        let service = command.verb == .receivePack ? "receive-pack" : "upload-pack"
        return .runGit(
            executable: "/usr/bin/git",
            arguments: [
                "git", "-c", "core.hooksPath=\(home.hooksDirectory)", "-c", "receive.fsckObjects=true", service, repository.path,
            ],
            environment: gitEnvironment)
    }

    /// `ssh git@host` with no command: who you are, and that there is no shell.
    private func greeting(keyID: String, client: RackAPIClient, log: GateLog) async -> Outcome {
        do {
            guard let key = try await client.gateKey(id: keyID) else {
                return .exit(status: 1, message: " !  This key is no longer registered: add it again with `rack keys:add`.")
            }
            return .exit(
                status: 0,
                message: "Hi \(key.user.email)! You've authenticated with Rack, but Rack does not provide shell access.")
        } catch {
            log.write("rack-serve: greeting for key \(keyID) failed: \(error)")
            return .exit(status: 1, message: Self.unavailable)
        }
    }
}
