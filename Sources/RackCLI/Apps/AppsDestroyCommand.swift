import ArgumentParser
import RackCore

/// `rack apps:destroy NAME --confirm NAME`: destroys an app, its config, releases, builds and repository.
struct AppsDestroyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apps:destroy", abstract: "Destroy an app for good; needs its name again with --confirm.")

    @Argument(help: "The app to destroy.") var name: String
    @Option(help: "The app's name again, to confirm.") var confirm: String?
    @Option(name: .long, help: "The git remote to remove if it points at the app.") var remote: String = "rack"

    func run() async throws {
        guard confirm == name else {
            throw RackError(
                .invalidParams,
                "Destroying \(name) deletes its config, releases and builds for good: to proceed, run `rack apps:destroy \(name) --confirm \(name)`.")
        }
        let app = try await Session.client().destroyApp(name)
        GitRemote.remove(remote: remote, ifNaming: app.name)
        print("Destroying \(app.name) (including all its releases and config)... done")
    }
}
