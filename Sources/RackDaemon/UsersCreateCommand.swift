import ArgumentParser
import RackCore
import RackStore

/// `rackd users:create EMAIL [--admin]`: adds a user and prints their first API token as the last line.
struct UsersCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users:create", abstract: "Create a user and print their API token as the last line.")

    @Argument(help: "The user's email address.") var email: String
    @Flag(help: "Make the user an administrator of the whole rack.") var admin = false
    @OptionGroup var home: HomeOption

    func run() async throws {
        let store = try RackStore(home: try home.resolve())
        let user = try await store.createUser(email: email, isAdmin: admin)
        let token = try await store.createToken(userID: user.id, description: "created by rackd users:create")
        print("Created \(admin ? "administrator" : "user") \(user.email). Their API token (shown once):")
        print(token)
    }
}
