import ArgumentParser
import RackCore
import RackStore

/// `rackd tokens:create EMAIL`: issues another API token for a user.
struct TokensCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens:create", abstract: "Issue another API token for a user; printed as the last line.")

    @Argument(help: "The user's email address.") var email: String
    @OptionGroup var home: HomeOption

    func run() async throws {
        let store = try RackStore(home: try home.resolve())
        guard let user = try await store.user(email: email) else {
            throw RackError(.notFound, "No user has the email \(email): create one with `rackd users:create \(email)`.")
        }
        let token = try await store.createToken(userID: user.id, description: "created by rackd tokens:create")
        print("New API token for \(user.email) (shown once):")
        print(token)
    }
}
