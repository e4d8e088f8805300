import ArgumentParser
import RackCore

/// `rack config`: an app's config vars.
struct ConfigListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Show an app's config vars.", aliases: ["config:list"])

    @OptionGroup var appOptions: AppOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let app = try appOptions.resolve()
        let vars = try await Session.client().configVars(app: app)
        if output.json { return try Terminal.printJSON(vars) }
        print("=== \(app) Config Vars")
        var list = KeyValueList()
        for name in vars.keys.sorted() { list.add(name, vars[name]!) }
        if !vars.isEmpty { print(list.rendered) }
    }
}

/// `rack config:get KEY`: one var's value, exactly, for scripts.
struct ConfigGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config:get", abstract: "Print one config var's value.")

    @Argument(help: "The var's name.") var key: String
    @OptionGroup var appOptions: AppOptions

    func run() async throws {
        let vars = try await Session.client().configVars(app: try appOptions.resolve())
        guard let value = vars[key] else {
            throw RackError(.notFound, "\(key) is not set: see the app's vars with `rack config`.")
        }
        print(value)
    }
}

/// `rack config:dump`: the config as a `.env` file that reads back exactly (sh `set -a; . ./.env`).
struct ConfigDumpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config:dump", abstract: "Print the config as a .env file (POSIX-shell quoted; reads back exactly).")

    @OptionGroup var appOptions: AppOptions

    func run() async throws {
        let vars = try await Session.client().configVars(app: try appOptions.resolve())
        print(DotEnv.encode(vars), terminator: "")
    }
}
