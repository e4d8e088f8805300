import ArgumentParser
import RackCore

/// `rack config:unset K …`: removes vars in one release.
struct ConfigUnsetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config:unset", abstract: "Remove config vars in one new release.", aliases: ["config:remove"])

    @Argument(help: "Names of the vars to remove.") var keys: [String] = []
    @OptionGroup var appOptions: AppOptions

    func run() async throws {
        guard !keys.isEmpty else { throw RackError(.invalidParams, "Say what to unset: rack config:unset KEY …") }
        var changes: [String: String?] = [:]
        for key in keys { changes[try ConfigVarName(validating: key).rawValue] = .some(nil) }
        _ = try await ConfigChangeReport.apply(changes, app: try appOptions.resolve(), verb: "Unsetting", client: try Session.client())
    }
}
