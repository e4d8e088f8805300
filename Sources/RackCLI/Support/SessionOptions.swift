import ArgumentParser
import Foundation
import RackClient
import RackCore

/// `--json`: machine-readable output instead of tables.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON for scripts instead of a table.") var json = false
}

/// `-a/--app NAME`, else the app of the `rack` git remote of the current directory.
struct AppOptions: ParsableArguments {
    @Option(name: [.short, .customLong("app")], help: "The app (default: the app of this directory's `rack` git remote).")
    var app: String?

    @Option(name: [.short, .customLong("remote")], help: "The git remote that names the app.")
    var remote: String = "rack"

    /// The app's name, or a clear error saying how to name one.
    func resolve() throws(RackError) -> String {
        if let app { return app }
        if let name = GitRemote.appName(remote: remote) { return name }
        throw RackError(
            .invalidParams,
            "No app specified: use --app NAME, or run this inside a git repository with a `\(remote)` remote (`rack apps:create` adds one).")
    }
}

/// The API client for this invocation, from the environment or `rack login`'s file.
enum Session {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    static func client() throws(RackError) -> RackAPIClient {
        RackAPIClient(credentials: try Credentials.current(environment: environment))
    }
}
