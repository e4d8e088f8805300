import ArgumentParser
import Foundation
import RackCore

/// `rack`: the command-line client, Heroku-style.
public struct RackCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "rack",
        abstract: "Deploy and manage apps on a Rack.",
        subcommands: [
            LoginCommand.self, LogoutCommand.self, WhoamiCommand.self,
            KeysListCommand.self, KeysAddCommand.self, KeysRemoveCommand.self,
            AppsListCommand.self, AppsCreateCommand.self, AppsInfoCommand.self, AppsDestroyCommand.self,
            ConfigListCommand.self, ConfigGetCommand.self, ConfigSetCommand.self, ConfigUnsetCommand.self,
            ConfigDumpCommand.self, BuildpacksSetCommand.self,
            SharingListCommand.self, SharingAddCommand.self, SharingRemoveCommand.self,
            ReleasesListCommand.self, ReleasesInfoCommand.self,
            BuildsListCommand.self, BuildsInfoCommand.self, BuildsLogsCommand.self,
        ]
    )

    public init() {}

    /// Parses the process's arguments, runs the command, and turns any error into one line on stderr
    /// and a non-zero exit.
    public static func runAsMain() async {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and friends.
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            Terminal.fail("\(message(for: error)) (see `rack --help`)")
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var syncCommand = command
                try syncCommand.run()
            }
        } catch let error as RackError {
            Terminal.fail(error.message)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            Terminal.fail(message(for: error))
        }
    }
}
