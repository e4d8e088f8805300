import Foundation
import RackCore
import RackStore
import Testing

@Suite("The store on disk survives reopening")
struct StoreReopeningTests {
    @Test("Users, tokens, keys, apps, collaborators, config and releases are there after reopening")
    func dataSurvives() async throws {
        let disk = try StoreOnDisk()
        defer { disk.remove() }
        let keyLine = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKHbyJG2ymVpj2rHiDu7TWC3nBUiYbvORwTePGzRz/Av alice@laptop"
        let key = try PublicKey(parsing: keyLine)
        let (alice, bob, token, app) = try await {
            let store = try disk.open()
            let alice = try await store.createUser(email: "alice@example.com", name: "Alice")
            let bob = try await store.createUser(email: "bob@example.com")
            let token = try await store.createToken(userID: alice.id, description: "laptop")
            _ = try await store.addKey(key, userID: alice.id)
            let app = try await store.createApp(name: AppName(validating: "durable"), ownerID: alice.id)
            _ = try await store.addCollaborator(appID: app.id, email: "bob@example.com")
            _ = try await store.updateConfigVars(appID: app.id, changes: ["A": "1", "MULTI": "x\ny"], userID: alice.id)
            _ = try await store.updateConfigVars(appID: app.id, changes: ["A": nil], userID: bob.id)
            return (alice, bob, token, app)
        }()

        let store = try disk.open()
        let reopenedAlice = try #require(try await store.user(email: "alice@example.com"))
        #expect(reopenedAlice.id == alice.id)
        #expect(reopenedAlice.name == "Alice")
        #expect(abs(reopenedAlice.createdAt.timeIntervalSince(alice.createdAt)) < 0.01)
        #expect(try await store.user(id: bob.id)?.email == "bob@example.com")
        #expect(try await store.authenticate(token: token.description)?.id == alice.id)
        #expect(try await store.keyOwner(fingerprint: key.fingerprint)?.user.id == alice.id)
        #expect(try await store.keys(userID: alice.id).map(\.fingerprint) == [key.fingerprint])

        let reopened = try #require(try await store.app("durable"))
        #expect(reopened.id == app.id)
        #expect(reopened.ownerID == alice.id)
        #expect(try await store.access(of: bob, to: reopened) == .collaborator)
        #expect(try await store.configVars(appID: app.id) == ["MULTI": "x\ny"])

        let releases = try await store.releases(appID: app.id)
        #expect(releases.map(\.version) == [1, 2, 3])
        #expect(releases.map(\.description) == ["Initial release", "Set A, MULTI config vars", "Remove A config vars"])
        #expect(try releases.map { try store.configSnapshot(of: $0) } == [[:], ["A": "1", "MULTI": "x\ny"], ["MULTI": "x\ny"]])

        // And the reopened store goes on writing: v4 follows v3.
        let (_, release) = try await store.updateConfigVars(appID: app.id, changes: ["B": "2"], userID: alice.id)
        #expect(release?.version == 4)
    }

    @Test("A token stays valid across reopening and a wrong one stays refused")
    func tokensSurvive() async throws {
        let disk = try StoreOnDisk()
        defer { disk.remove() }
        let token = try await {
            let store = try disk.open()
            let user = try await store.createUser(email: "carol@example.com")
            return try await store.createToken(userID: user.id, description: "ci")
        }()
        let store = try disk.open()
        #expect(try await store.authenticate(token: token.description)?.email == "carol@example.com")
        let text = token.description
        let wrong = String(text.dropLast()) + (text.hasSuffix("0") ? "1" : "0")
        #expect(try await store.authenticate(token: wrong) == nil)
    }

    @Test("Config sealed under one master key does not open under another")
    func otherMasterKey() async throws {
        let disk = try StoreOnDisk()
        defer { disk.remove() }
        let appID = try await {
            let store = try disk.open()
            let user = try await store.createUser(email: "alice@example.com")
            let app = try await store.createApp(name: AppName(validating: "sealed"), ownerID: user.id)
            _ = try await store.updateConfigVars(appID: app.id, changes: ["SECRET": "x"], userID: user.id)
            return app.id
        }()
        try FileManager.default.removeItem(atPath: disk.home.masterKeyPath)
        let store = try disk.open()
        let error = await #expect(throws: RackError.self) { try await store.configVars(appID: appID) }
        #expect(error?.code == .internalError)
        #expect(error?.message.contains("master.key") == true)
        #expect(error?.isDenial == false)
    }
}
