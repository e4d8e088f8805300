import ArgumentParser
import RackCore

/// `rack config:set K=V …`: sets vars in one release.
struct ConfigSetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config:set", abstract: "Set config vars (KEY=value …) in one new release.")

    @Argument(help: "KEY=value pairs.") var pairs: [String] = []
    @OptionGroup var appOptions: AppOptions

    func run() async throws {
        guard !pairs.isEmpty else { throw RackError(.invalidParams, "Say what to set: rack config:set KEY=value …") }
        var changes: [String: String?] = [:]
        for pair in pairs {
            guard let equals = pair.firstIndex(of: "=") else {
                throw RackError(.invalidParams, "\"\(pair.prefix(60))\" is not KEY=value: write e.g. `rack config:set RAILS_ENV=production`.")
            }
            let name = try ConfigVarName(validating: String(pair[..<equals]))
            changes[name.rawValue] = String(pair[pair.index(after: equals)...])
        }
        let app = try appOptions.resolve()
        let vars = try await ConfigChangeReport.apply(changes, app: app, verb: "Setting", client: try Session.client())
        var list = KeyValueList()
        for name in changes.keys.sorted() { list.add(name, vars[name] ?? "") }
        print(list.rendered)
    }
}

/// `rack buildpacks:set URL`: sets `BUILDPACK_URL`, the buildpack the app's next push builds with.
struct BuildpacksSetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "buildpacks:set", abstract: "Build the app with this buildpack (sets BUILDPACK_URL).")

    @Argument(help: "A git URL with an optional #ref, or the https:// or file:// URL of a .tgz.") var url: String
    @OptionGroup var appOptions: AppOptions

    func run() async throws {
        guard !url.contains(where: { $0.isWhitespace }), url.contains("://") || url.contains("@") else {
            throw RackError(.invalidParams, "\"\(url.prefix(80))\" is not a buildpack URL: use e.g. https://github.com/heroku/heroku-buildpack-python#main.")
        }
        let app = try appOptions.resolve()
        _ = try await ConfigChangeReport.apply(["BUILDPACK_URL": url], app: app, verb: "Setting", client: try Session.client())
        print("Buildpack set. The next push to \(app) builds with \(url).")
    }
}
