import ArgumentParser
import RackCore

/// `rack releases`: an app's releases, newest first.
struct ReleasesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "releases", abstract: "List an app's releases, newest first.")

    @OptionGroup var appOptions: AppOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let app = try appOptions.resolve()
        let releases = try await Session.client().releases(app: app).sorted { $0.version > $1.version }
        if output.json { return try Terminal.printJSON(releases) }
        print("=== \(app) Releases" + (releases.first.map { " - Current: v\($0.version)" } ?? ""))
        var table = Table("VERSION", "DESCRIPTION", "USER", "CREATED")
        for release in releases {
            table.add("v\(release.version)", release.description, release.user.email, Terminal.time(release.createdAt))
        }
        print(table.rendered)
    }
}

/// `rack releases:info vN`: one release and the config it was made with.
struct ReleasesInfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "releases:info", abstract: "Show one release (default: the current one) and its config snapshot.")

    @Argument(help: "The release, e.g. v3.") var release: String?
    @OptionGroup var appOptions: AppOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let app = try appOptions.resolve()
        let client = try Session.client()
        let wanted: String
        if let release { wanted = release } else {
            guard let latest = try await client.latestRelease(app: app) else { throw RackError(.notFound, "\(app) has no releases.") }
            wanted = String(latest.version)
        }
        let info = try await client.release(app: app, version: wanted)
        let config = try await client.releaseConfigVars(app: app, version: wanted)
        if output.json { return try Terminal.printJSON(ReleaseWithConfig(release: info, configVars: config)) }
        var list = KeyValueList()
        list.add("Description", info.description)
        list.add("By", info.user.email)
        list.add("When", Terminal.time(info.createdAt))
        list.add("Current", info.current ? "yes" : "no")
        list.add("Commit", info.commit ?? "none")
        list.add("Slug", info.slug?.id ?? "none")
        list.add("Process types", info.processTypes.keys.sorted().joined(separator: ", "))
        print("=== Release v\(info.version)")
        print(list.rendered)
        print("\n=== v\(info.version) Config vars")
        var vars = KeyValueList()
        for name in config.keys.sorted() { vars.add(name, config[name]!) }
        if !config.isEmpty { print(vars.rendered) }
    }

    struct ReleaseWithConfig: Encodable {
        let release: ReleaseResource
        let configVars: [String: String]

        enum CodingKeys: String, CodingKey {
            case release
            case configVars = "config_vars"
        }
    }
}
