import ArgumentParser

/// `rackd`: Rack's API server and its administration commands.
public struct RackDaemonCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "rackd",
        abstract: "Rack's API server and its administration commands.",
        subcommands: [ServeCommand.self, UsersCreateCommand.self, TokensCreateCommand.self, AppsLimitsCommand.self, MasterKeyRotateCommand.self, SlugPackCommand.self]
    )

    public init() {}
}

extension RackDaemonCommand {
    /// Parses the process's arguments and runs the chosen subcommand, exiting with its status.
    ///
    /// (Calling `main()` from another module picks argument-parser's synchronous entry point, which
    /// cannot run async subcommands.)
    public static func runAsMain() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
