import ArgumentParser
import RackCore

/// `rack sharing` (`sharing:list`): who may work on an app.
struct SharingListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sharing", abstract: "List who may work on an app.", aliases: ["sharing:list", "access"])

    @OptionGroup var appOptions: AppOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let app = try appOptions.resolve()
        let collaborators = try await Session.client().collaborators(app: app)
        if output.json { return try Terminal.printJSON(collaborators) }
        print("=== \(app) Access List")
        var table = Table("EMAIL", "ROLE")
        let ordered = collaborators.sorted { ($0.role == "owner" ? 0 : 1, $0.user.email) < ($1.role == "owner" ? 0 : 1, $1.user.email) }
        for collaborator in ordered { table.add(collaborator.user.email, collaborator.role) }
        print(table.rendered)
    }
}

/// `rack sharing:add EMAIL`: lets a registered user work on an app.
struct SharingAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sharing:add", abstract: "Let another user work on an app.", aliases: ["access:add"])

    @Argument(help: "The user's email.") var email: String
    @OptionGroup var appOptions: AppOptions

    func run() async throws {
        let app = try appOptions.resolve()
        let collaborator = try await Session.client().addCollaborator(app: app, email: email)
        print("Adding \(collaborator.user.email) to \(app) collaborators... done")
    }
}

/// `rack sharing:remove EMAIL`: stops sharing an app with a user.
struct SharingRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sharing:remove", abstract: "Stop sharing an app with a user.", aliases: ["access:remove"])

    @Argument(help: "The user's email.") var email: String
    @OptionGroup var appOptions: AppOptions

    func run() async throws {
        let app = try appOptions.resolve()
        let collaborator = try await Session.client().removeCollaborator(app: app, email: email)
        print("Removing \(collaborator.user.email) from \(app) collaborators... done")
    }
}
