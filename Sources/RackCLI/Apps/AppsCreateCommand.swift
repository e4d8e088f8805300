import ArgumentParser
import RackCore

/// `rack apps:create [NAME]`: creates an app and, inside a git work tree, the `rack` remote to push to.
struct AppsCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apps:create",
        abstract: "Create an app (Rack picks a name if you don't); inside a git work tree, add the `rack` remote.")

    @Argument(help: "The app's name: 3 to 30 lowercase letters, digits and dashes.") var name: String?
    @Option(name: .long, help: "The git remote to add.") var remote: String = "rack"
    @Flag(help: "Don't add a git remote.") var noRemote = false
    @OptionGroup var output: OutputOptions

    func run() async throws {
        if let name { _ = try AppName(validating: name) }
        let app = try await Session.client().createApp(name: name)
        var remoteNote = ""
        if !noRemote, GitRemote.isInsideWorkTree {
            remoteNote = GitRemote.set(remote: remote, url: app.gitURL)
                ? "\nGit remote \(remote) added: deploy with `git push \(remote) master`"
                : "\nCould not add the git remote \(remote): add it with `git remote add \(remote) \(app.gitURL)`"
        }
        if output.json { return try Terminal.printJSON(app) }
        print("Creating \(app.name)... done")
        print(app.gitURL + remoteNote)
    }
}
