import ArgumentParser
import RackCore

/// `rack apps:info`: an app's details.
struct AppsInfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "apps:info", abstract: "Show an app's details.")

    @OptionGroup var appOptions: AppOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let client = try Session.client()
        let app = try await client.app(try appOptions.resolve())
        if output.json { return try Terminal.printJSON(app) }
        let collaborators = try await client.collaborators(app: app.name).filter { $0.role != "owner" }
        var list = KeyValueList()
        list.add("Git URL", app.gitURL)
        list.add("Owner", app.owner.email)
        list.add("Collaborators", collaborators.map(\.user.email).joined(separator: ", "))
        list.add("Stack", app.stack.name)
        list.add("Deploy branch", app.deployBranch ?? "master or main (the first pushed)")
        list.add("Created", Terminal.time(app.createdAt))
        list.add("Released", app.releasedAt.map(Terminal.time) ?? "never")
        print("=== \(app.name)")
        print(list.rendered)
    }
}
