import Foundation
import RackCore
import Testing

@Suite struct SecretsTests {
    let key = (0..<32).map { UInt8($0) }

    @Test func sealedValuesOpenOnlyInTheirContext() throws {
        let box = try SecretBox(key: key)
        let sealed = try box.seal("s3cret value", context: "app-1/DATABASE_URL")
        #expect(!String(decoding: sealed, as: UTF8.self).contains("s3cret"))
        #expect(try box.openText(sealed, context: "app-1/DATABASE_URL") == "s3cret value")
        #expect(throws: RackError.self) { try box.open(sealed, context: "app-2/DATABASE_URL") }
    }

    @Test func anotherKeyCannotOpen() throws {
        let sealed = try SecretBox(key: key).seal("x", context: "c")
        #expect(throws: RackError.self) { try SecretBox(key: key.reversed()).open(sealed, context: "c") }
    }

    @Test func sealingTwiceGivesDifferentCiphertexts() throws {
        let box = try SecretBox(key: key)
        #expect(try box.seal("same", context: "c") != box.seal("same", context: "c"))
    }

    @Test func tokensParseAndMatchOnlyTheirOwnHash() throws {
        let token = APIToken.generate()
        let parsed = try #require(APIToken(parsing: token.description))
        #expect(parsed == token)
        #expect(parsed.matches(hash: token.secretHash))
        #expect(!APIToken.generate().matches(hash: token.secretHash))
    }

    @Test(arguments: ["", "rack_", "rack_abc_def", "bearer rack_x", "rack_0123456789abcdef_" + String(repeating: "g", count: 64)])
    func malformedTokensDoNotParse(text: String) {
        #expect(APIToken(parsing: text) == nil)
    }

    @Test func secretFilesAreMadeOnceWithMode0600() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)").path
        let home = try RackHome(path: directory).prepared()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try home.masterKey()
        #expect(first.count == 32)
        #expect(try home.masterKey() == first)
        let mode = try FileManager.default.attributesOfItem(atPath: home.masterKeyPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try home.internalSecret().count == 64)
    }

    @Test func aSecretFileOthersCanReadIsRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)").path
        let home = try RackHome(path: directory).prepared()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try home.masterKey()
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: home.masterKeyPath)
        #expect {
            try home.masterKey()
        } throws: { error in
            (error as? RackError)?.message.contains("chmod 600") == true
        }
    }
}
