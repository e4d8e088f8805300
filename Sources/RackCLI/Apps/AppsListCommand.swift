import ArgumentParser
import RackCore

/// `rack apps` (`apps:list`): the apps you own or collaborate on.
struct AppsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apps", abstract: "List the apps you own or collaborate on.", aliases: ["apps:list"])

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let client = try Session.client()
        let apps = try await client.apps().sorted { $0.name < $1.name }
        if output.json { return try Terminal.printJSON(apps) }
        guard !apps.isEmpty else { return print("You have no apps: create one with `rack apps:create`.") }
        let me = try await client.account()
        var table = Table("NAME", "OWNER", "CREATED")
        for app in apps {
            table.add(app.name, app.owner.email == me.email ? "you" : app.owner.email, Terminal.time(app.createdAt))
        }
        print(table.rendered)
    }
}
