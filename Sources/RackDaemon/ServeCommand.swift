import ArgumentParser
import Foundation
import Hummingbird
import Logging
import RackAPI
import RackCore
import RackStore

/// `rackd serve`: runs the API in the foreground until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the API server in the foreground (stop it with SIGTERM or SIGINT).")

    @OptionGroup var home: HomeOption

    @Option(help: "Address the API listens on, HOST:PORT; port 0 picks a free one (default: $RACK_HTTP or 127.0.0.1:5000).")
    var http: String?

    @Option(help: "SSH address users push to, HOST:PORT (default: $RACK_SSH or 127.0.0.1:2222).")
    var ssh: String?

    @Option(help: "The system user sshd serves pushes as.")
    var sshUser: String = "git"

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let httpAddress = try HostAndPort(parsing: http ?? environment["RACK_HTTP"] ?? "127.0.0.1:5000")
        let sshAddress = try HostAndPort(parsing: ssh ?? environment["RACK_SSH"] ?? "127.0.0.1:2222")
        let home = try home.resolve()
        let store = try RackStore(home: home)
        let settings = APISettings(
            sshHost: sshAddress.host, sshPort: sshAddress.port, sshUser: sshUser, internalSecret: try home.internalSecret())

        var logger = Logger(label: "rackd")
        logger.logLevel = environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let app = Application(
            router: RackAPI.makeRouter(store: store, settings: settings),
            configuration: .init(address: .hostname(httpAddress.host, port: httpAddress.port), serverName: "rack"),
            onServerRunning: { channel in
                // The line tests and scripts wait for: where the API really listens (port 0 resolved).
                let port = channel.localAddress?.port ?? httpAddress.port
                let line = "rackd: API listening on http://\(httpAddress.host):\(port) (home \(home.path))\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            },
            logger: logger
        )
        try await app.runService()
    }
}
