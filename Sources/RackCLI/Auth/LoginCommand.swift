import ArgumentParser
import Foundation
import RackClient
import RackCore

/// `rack login`: checks an API URL and token and stores them (mode 0600).
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign in: asks for the API URL and token, or takes them from flags or RACK_API_URL / RACK_API_TOKEN.")

    @Option(help: "The rack's API URL, e.g. http://127.0.0.1:5000.") var apiURL: String?
    @Option(help: "Your API token (from `rackd users:create`).") var token: String?

    func run() async throws {
        let environment = Session.environment
        let url = try apiURL ?? Credentials.setting("RACK_API_URL", in: environment) ?? ask("API URL")
        let token = try token ?? Credentials.setting("RACK_API_TOKEN", in: environment) ?? ask("API token")
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
            throw RackError(.invalidParams, "\"\(url)\" is not an API URL: use e.g. http://127.0.0.1:5000.")
        }
        let credentials = Credentials(apiURL: url, token: token.trimmingCharacters(in: .whitespacesAndNewlines))
        let account = try await RackAPIClient(credentials: credentials).account()
        try credentials.save(environment: environment)
        print("Logged in as \(account.email)")
    }

    /// Asks on the terminal; refuses when nobody is there to answer.
    private func ask(_ what: String) throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            throw RackError(.invalidParams, "No \(what) given: pass --api-url and --token, or set RACK_API_URL and RACK_API_TOKEN.")
        }
        FileHandle.standardError.write(Data("\(what): ".utf8))
        guard let answer = readLine(), !answer.isEmpty else { throw RackError(.invalidParams, "No \(what) given.") }
        return answer
    }
}

/// `rack logout`: forgets the stored credentials.
struct LogoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logout", abstract: "Forget the stored API token.")

    func run() {
        Credentials.remove(environment: Session.environment)
        print("Logged out")
    }
}

/// `rack auth:whoami`: the signed-in user's email.
struct WhoamiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "auth:whoami", abstract: "Show who you are signed in as.")

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let account = try await Session.client().account()
        if output.json { try Terminal.printJSON(account) } else { print(account.email) }
    }
}
