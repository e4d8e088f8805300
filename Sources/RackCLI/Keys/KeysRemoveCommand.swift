import ArgumentParser
import RackCore

/// `rack keys:remove FINGERPRINT|COMMENT`: unregisters a key; the next SSH connection with it is refused.
struct KeysRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys:remove", abstract: "Remove an SSH key by its fingerprint or comment.")

    @Argument(help: "The key's SHA256 fingerprint, or its comment (e.g. you@laptop).") var key: String

    func run() async throws {
        let client = try Session.client()
        let keys = try await client.keys()
        let byFingerprint = keys.filter { $0.fingerprint == key || $0.id == key }
        let matches = byFingerprint.isEmpty ? keys.filter { $0.comment == key } : byFingerprint
        guard !matches.isEmpty else {
            throw RackError(.notFound, "You have no key with the fingerprint or comment \(key): list yours with `rack keys`.")
        }
        guard matches.count == 1 else {
            throw RackError(
                .invalidParams, "\(matches.count) keys have the comment \(key): remove one by its fingerprint (see `rack keys`).")
        }
        let removed = try await client.removeKey(idOrFingerprint: matches[0].id)
        print("Removed key \(removed.fingerprint) \(removed.comment)")
    }
}
