import Foundation
import RackCore
import RackStore
import Testing

@Suite("The store on disk keeps secrets secret")
struct StoreSecretsAtRestTests {
    @Test("Config values are not in the database files in clear, while names and emails are")
    func configEncrypted() async throws {
        let disk = try StoreOnDisk()
        defer { disk.remove() }
        let value = "postgres://admin:Zebra-Quokka-7781-distinctive@db.internal/prod"
        do {
            let store = try disk.open()
            let user = try await store.createUser(email: "alice@example.com")
            let app = try await store.createApp(name: AppName(validating: "vaulted"), ownerID: user.id)
            _ = try await store.updateConfigVars(appID: app.id, changes: ["DATABASE_URL": value], userID: user.id)
            #expect(try await store.configVars(appID: app.id) == ["DATABASE_URL": value])

            // Checked while the store is open (the WAL holds the newest pages) and again after it closed.
            #expect(try disk.databaseFiles(containing: value).isEmpty)
            #expect(try disk.databaseFiles(containing: "Zebra-Quokka-7781").isEmpty)
            #expect(try disk.databaseFiles(containing: Data(value.utf16.flatMap { [UInt8($0 & 0xff), UInt8($0 >> 8)] })).isEmpty)
            // The files are the right ones: what is not secret is found in them.
            #expect(try !disk.databaseFiles(containing: "alice@example.com").isEmpty)
            #expect(try !disk.databaseFiles(containing: "vaulted").isEmpty)
            #expect(try !disk.databaseFiles(containing: "DATABASE_URL").isEmpty)
        }
        #expect(try disk.databaseFiles(containing: "Zebra-Quokka-7781").isEmpty)
        #expect(try !disk.databaseFiles(containing: "alice@example.com").isEmpty)
    }

    @Test("A removed or replaced value does not linger in clear either")
    func replacedValueEncrypted() async throws {
        let disk = try StoreOnDisk()
        defer { disk.remove() }
        let store = try disk.open()
        let user = try await store.createUser(email: "alice@example.com")
        let app = try await store.createApp(name: AppName(validating: "rotating"), ownerID: user.id)
        _ = try await store.updateConfigVars(appID: app.id, changes: ["KEY": "Old-Walrus-Secret-4410"], userID: user.id)
        _ = try await store.updateConfigVars(appID: app.id, changes: ["KEY": "New-Walrus-Secret-4411"], userID: user.id)
        _ = try await store.updateConfigVars(appID: app.id, changes: ["KEY": nil], userID: user.id)
        // The release snapshots keep the old configs: sealed as well.
        let snapshots = try await store.releases(appID: app.id).map { try store.configSnapshot(of: $0) }
        #expect(snapshots.contains(["KEY": "Old-Walrus-Secret-4410"]))
        #expect(try disk.databaseFiles(containing: "Walrus-Secret").isEmpty)
    }

    @Test("Tokens are stored hashed: the secret part is nowhere in the database files")
    func tokensHashed() async throws {
        let disk = try StoreOnDisk()
        defer { disk.remove() }
        let store = try disk.open()
        let user = try await store.createUser(email: "alice@example.com")
        let token = try await store.createToken(userID: user.id, description: "laptop")
        #expect(try await store.authenticate(token: token.description)?.id == user.id)

        #expect(try disk.databaseFiles(containing: token.secret).isEmpty)
        #expect(try disk.databaseFiles(containing: token.description).isEmpty)
        #expect(try disk.databaseFiles(containing: token.secret.uppercased()).isEmpty)
        // Nor the secret's raw bytes, decoded from hex.
        let secretBytes = Data(stride(from: 0, to: token.secret.count, by: 2).map { offset in
            let start = token.secret.index(token.secret.startIndex, offsetBy: offset)
            return UInt8(token.secret[start...token.secret.index(after: start)], radix: 16)!
        })
        #expect(try disk.databaseFiles(containing: secretBytes).isEmpty)
        // What is stored is the public id, and the hash of the secret.
        #expect(try !disk.databaseFiles(containing: token.id).isEmpty)
        #expect(try !disk.databaseFiles(containing: Data(token.secretHash)).isEmpty)
    }

    @Test("The master key, the internal secret and the database are readable by their owner only")
    func filePermissions() async throws {
        let disk = try StoreOnDisk()
        defer { disk.remove() }
        let store = try disk.open()
        _ = try await store.createUser(email: "alice@example.com")
        _ = try disk.home.internalSecret()

        #expect(StoreOnDisk.permissions(of: disk.home.masterKeyPath) == 0o600)
        #expect(StoreOnDisk.permissions(of: disk.home.internalSecretPath) == 0o600)
        #expect(StoreOnDisk.permissions(of: disk.home.databasePath) == 0o600)
        #expect(StoreOnDisk.permissions(of: disk.home.path) == 0o700)
        #expect(try Data(contentsOf: URL(fileURLWithPath: disk.home.masterKeyPath)).count == 32)
        #expect(try disk.home.internalSecret().count == 64)
    }

    @Test("A master key others can read is refused, with what to do")
    func masterKeyReadableByOthers() async throws {
        let disk = try StoreOnDisk()
        defer { disk.remove() }
        _ = try disk.open()
        chmod(disk.home.masterKeyPath, 0o644)
        let error = try #require(throws: RackError.self) { try disk.open() }
        #expect(error.code == .internalError)
        #expect(error.message.contains("chmod 600"))
    }

    @Test("The secrets stay the same across restarts")
    func secretsStable() async throws {
        let disk = try StoreOnDisk()
        defer { disk.remove() }
        _ = try disk.open()
        let key = try disk.home.masterKey()
        let secret = try disk.home.internalSecret()
        _ = try disk.open()
        #expect(try disk.home.masterKey() == key)
        #expect(try disk.home.internalSecret() == secret)
    }
}
