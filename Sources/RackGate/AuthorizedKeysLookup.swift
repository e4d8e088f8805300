import Foundation
import NIOCore
import RackClient
import RackCore

/// `rack-keys HOME USER TYPE KEY`, sshd's AuthorizedKeysCommand (`… %u %t %k`): one indexed API lookup by the
/// key's fingerprint, answered with one `authorized_keys` line that forces `rack-serve`.
///
/// It answers nothing (and so the login fails) for any other user or an unknown or malformed key: it fails
/// closed, with the reason in its log, never to the client. When the API does not answer, it cannot tell whether
/// the key is registered: it lets the key in only to a forced command that says Rack is unavailable and ends
/// (`restrict`: no pty, no forwarding), so that the user reads that rather than `Permission denied (publickey)`.
public enum AuthorizedKeysLookup {
    /// The line to print, or nil to print nothing.
    ///
    /// - Parameters:
    ///   - arguments: `[HOME, USER, TYPE, KEY]` as sshd passes them.
    ///   - servePath: the absolute path of `rack-serve`.
    public static func line(arguments: [String], servePath: String) async -> String? {
        let log = GateLog(file: nil)
        guard arguments.count == 4 else {
            log.write("rack-keys: expected HOME USER TYPE KEY, got \(arguments.count) arguments")
            return nil
        }
        let (homePath, user, type, blob) = (arguments[0], arguments[1], arguments[2], arguments[3])
        let home = RackHome(path: homePath)
        do {
            let settings = try GateSettings.load(home: home)
            guard user == settings.sshUser else {
                log.write("rack-keys: refused user \(user.prefix(40)): only \(settings.sshUser) is served")
                return nil
            }
            let key = try PublicKey(parsing: "\(type) \(blob)")
            guard ForcedCommandLine.isSafe(home.path), ForcedCommandLine.isSafe(servePath) else {
                log.write("rack-keys: refused to print a command with unsafe paths")
                return nil
            }
            let client = RackAPIClient(
                apiURL: settings.apiURL, internalSecret: settings.secret,
                timeout: .milliseconds(Int64(settings.apiTimeout * 1000)))
            let found: InternalKeyResource?
            do { found = try await client.gateKey(fingerprint: key.fingerprint) } catch where error.code == .unavailable {
                log.write("rack-keys: \(error); key \(key.fingerprint) may only hear that Rack is unavailable")
                return "command=\"\(servePath) \(home.path) \(ForcedCommand.unavailableArgument)\",restrict \(key.authorizedKeyText)"
            }
            guard let found else {
                log.write("rack-keys: unknown key \(key.fingerprint)")
                return nil
            }
            return "command=\"\(servePath) \(home.path) key-\(found.keyID)\",restrict \(key.authorizedKeyText)"
        } catch {
            log.write("rack-keys: \(error)")
            return nil
        }
    }
}
