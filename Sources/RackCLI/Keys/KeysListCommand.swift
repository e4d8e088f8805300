import ArgumentParser
import RackCore

/// `rack keys` (`keys:list`): your SSH keys.
struct KeysListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "List your SSH keys.", aliases: ["keys:list"])

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let keys = try await Session.client().keys()
        if output.json { return try Terminal.printJSON(keys) }
        guard !keys.isEmpty else { return print("You have no SSH keys: add one with `rack keys:add`.") }
        var table = Table("FINGERPRINT", "TYPE", "COMMENT", "ADDED")
        for key in keys {
            table.add(key.fingerprint, String(key.publicKey.prefix { $0 != " " }), key.comment, Terminal.time(key.createdAt))
        }
        print("=== \(keys[0].email) keys")
        print(table.rendered)
    }
}
