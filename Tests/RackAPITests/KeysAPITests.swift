import Foundation
import HummingbirdTesting
import RackCore
import Testing

/// What users paste by mistake instead of a public key.
enum NotAPublicKey: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case garbage, empty, privateKey, typeOnly, badBase64, truncatedBlob, twoKeys, unknownType

    var testDescription: String { rawValue }

    func text(from pair: KeygenKeyPair) -> String {
        let fields = pair.publicLine.split(separator: " ")
        return switch self {
        case .garbage: "hello, this is my key"
        case .empty: ""
        case .privateKey: pair.privateFile
        case .typeOnly: "ssh-ed25519"
        case .badBase64: "ssh-ed25519 ***not-base64*** me@host"
        case .truncatedBlob: "ssh-ed25519 \(fields[1].prefix(24)) me@host"
        case .twoKeys: pair.publicLine + "\n" + pair.publicLine
        case .unknownType: "ssh-foo \(fields[1]) me@host"
        }
    }
}

@Suite("/account/keys")
struct KeysAPITests {
    @Test("Adding a real key answers 201 with ssh-keygen's fingerprint")
    func addKey() async throws {
        let rack = try await APITestRack.make()
        let pair = try KeygenKeyPair.generate(comment: "alice laptop")
        try await rack.run { api in
            // The .pub file as is, trailing newline included.
            let response = try await api.send(.post, "/account/keys", as: rack.alice, json: KeyCreateRequest(publicKey: pair.publicFile))
            #expect(response.status == .created, "\(response.text)")
            let key = try response.decode(KeyResource.self)
            #expect(key.fingerprint == pair.fingerprint)
            #expect(key.comment == "alice laptop")
            #expect(key.email == "alice@example.com")
            #expect(key.publicKey == pair.publicLine)
            #expect(!key.id.isEmpty)
            let json = try response.jsonObject()
            #expect(json["public_key"] as? String == pair.publicLine)
        }
    }

    @Test("Keys are listed, and found by id and by fingerprint")
    func listAndGet() async throws {
        let rack = try await APITestRack.make()
        let first = try KeygenKeyPair.generate(comment: "one")
        let second = try KeygenKeyPair.generate(comment: "two")
        try await rack.run { api in
            #expect(try await api.list(KeyResource.self, "/account/keys", as: rack.alice).isEmpty)
            let added = try await [first, second].asyncMap { pair in
                try await api.send(.post, "/account/keys", as: rack.alice, json: KeyCreateRequest(publicKey: pair.publicFile))
                    .decode(KeyResource.self)
            }
            let listed = try await api.list(KeyResource.self, "/account/keys", as: rack.alice)
            #expect(Set(listed.map(\.id)) == Set(added.map(\.id)))
            #expect(Set(listed.map(\.fingerprint)) == [first.fingerprint, second.fingerprint])
            // Bob has none of Alice's keys.
            #expect(try await api.list(KeyResource.self, "/account/keys", as: rack.bob).isEmpty)

            for key in added {
                let byID = try await api.get("/account/keys/\(key.id)", as: rack.alice)
                #expect(byID.status == .ok)
                #expect(try byID.decode(KeyResource.self) == key)

                let byFingerprint = try await api.get("/account/keys/\(key.fingerprint.pathComponentEncoded)", as: rack.alice)
                #expect(byFingerprint.status == .ok, "\(key.fingerprint): \(byFingerprint.text)")
                #expect(try byFingerprint.decode(KeyResource.self).id == key.id)
            }
        }
    }

    @Test("A fingerprint with / and + in it is found when they are percent-encoded")
    func fingerprintWithSlashAndPlus() async throws {
        let rack = try await APITestRack.make()
        // Fingerprints are base64: make keys until one holds both characters that need encoding in a path.
        var pair = try KeygenKeyPair.generate()
        var attempts = 1
        while !(pair.fingerprint.contains("/") && pair.fingerprint.contains("+")) && attempts < 200 {
            pair = try KeygenKeyPair.generate()
            attempts += 1
        }
        try #require(pair.fingerprint.contains("/") && pair.fingerprint.contains("+"))
        let found = pair
        let fingerprint = found.fingerprint
        try await rack.run { api in
            let added = try await api.send(.post, "/account/keys", as: rack.alice, json: KeyCreateRequest(publicKey: found.publicLine))
            #expect(added.status == .created)
            let encoded = fingerprint.pathComponentEncoded
            #expect(encoded.contains("%2F") && encoded.contains("%2B"))
            let response = try await api.get("/account/keys/\(encoded)", as: rack.alice)
            #expect(response.status == .ok, "\(encoded): \(response.text)")
            #expect(try response.decode(KeyResource.self).fingerprint == fingerprint)
            let deleted = try await api.delete("/account/keys/\(encoded)", as: rack.alice)
            #expect(deleted.status == .ok)
            #expect(try await api.list(KeyResource.self, "/account/keys", as: rack.alice).isEmpty)
        }
    }

    @Test("Deleting a key answers the key; it is gone afterwards and can be added again")
    func deleteKey() async throws {
        let rack = try await APITestRack.make()
        let pair = try KeygenKeyPair.generate()
        try await rack.run { api in
            let key = try await api.send(.post, "/account/keys", as: rack.alice, json: KeyCreateRequest(publicKey: pair.publicLine))
                .decode(KeyResource.self)
            let deleted = try await api.delete("/account/keys/\(key.id)", as: rack.alice)
            #expect(deleted.status == .ok)
            #expect(try deleted.decode(KeyResource.self).id == key.id)

            try expectError(try await api.get("/account/keys/\(key.id)", as: rack.alice), .notFound, id: "not_found", mentioning: ["key"])
            try expectError(try await api.delete("/account/keys/\(key.id)", as: rack.alice), .notFound, id: "not_found")
            #expect(try await api.list(KeyResource.self, "/account/keys", as: rack.alice).isEmpty)
            #expect(try await rack.store.keyOwner(fingerprint: pair.fingerprint) == nil)

            let again = try await api.send(.post, "/account/keys", as: rack.alice, json: KeyCreateRequest(publicKey: pair.publicLine))
            #expect(again.status == .created)
        }
    }

    @Test("The same key added twice is a conflict, for its owner and for anyone else")
    func duplicateKey() async throws {
        let rack = try await APITestRack.make()
        let pair = try KeygenKeyPair.generate()
        try await rack.run { api in
            let body = KeyCreateRequest(publicKey: pair.publicLine)
            #expect(try await api.send(.post, "/account/keys", as: rack.alice, json: body).status == .created)

            let again = try await api.send(.post, "/account/keys", as: rack.alice, json: body)
            try expectError(again, .conflict, id: "conflict", mentioning: [pair.fingerprint, "your account"])

            // With another comment the key is still the same key.
            let recommented = KeyCreateRequest(publicKey: pair.publicLine.split(separator: " ")[0...1].joined(separator: " ") + " other")
            let byBob = try await api.send(.post, "/account/keys", as: rack.bob, json: recommented)
            try expectError(byBob, .conflict, id: "conflict", mentioning: [pair.fingerprint, "another account"])
            #expect(try await api.list(KeyResource.self, "/account/keys", as: rack.bob).isEmpty)
            #expect(try await api.list(KeyResource.self, "/account/keys", as: rack.alice).count == 1)
        }
    }

    @Test("What is not one public key is refused with 422", arguments: NotAPublicKey.allCases)
    func notAPublicKey(_ input: NotAPublicKey) async throws {
        let rack = try await APITestRack.make()
        let pair = try KeygenKeyPair.generate()
        try await rack.run { api in
            let response = try await api.send(
                .post, "/account/keys", as: rack.alice, json: KeyCreateRequest(publicKey: input.text(from: pair)))
            try expectError(response, .unprocessableContent, id: "invalid_params")
            #expect(try await api.list(KeyResource.self, "/account/keys", as: rack.alice).isEmpty)
        }
    }

    @Test("A private key is refused with a message that asks for the .pub file, and is not echoed back")
    func privateKeyMessage() async throws {
        let rack = try await APITestRack.make()
        let pair = try KeygenKeyPair.generate()
        try await rack.run { api in
            let response = try await api.send(.post, "/account/keys", as: rack.alice, json: KeyCreateRequest(publicKey: pair.privateFile))
            try expectError(response, .unprocessableContent, id: "invalid_params", mentioning: [".pub"])
            let secretLine = try #require(pair.privateFile.split(separator: "\n").dropFirst().first)
            #expect(!response.text.contains(secretLine))
        }
    }

    @Test(
        "A body without public_key is 422; a body that is not JSON is 400",
        arguments: [
            (#"{}"#, 422), (#"{"key": "ssh-ed25519 AAAA"}"#, 422), (#"{"public_key": 42}"#, 422),
            (#"{"public_key": null}"#, 422), (#"{"public_key": "#, 400), ("ssh-ed25519 AAAA", 400), ("", 400),
        ])
    func malformedBody(_ body: String, _ status: Int) async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            let response = try await api.send(.post, "/account/keys", as: rack.alice, body: body)
            if status == 422 {
                try expectError(response, .unprocessableContent, id: "invalid_params", mentioning: ["public_key"])
            } else {
                try expectError(response, .badRequest, id: "bad_request", mentioning: ["JSON"])
            }
        }
    }

    @Test("Another user's key is not found by its id or fingerprint, and cannot be deleted")
    func otherUsersKey() async throws {
        let rack = try await APITestRack.make()
        let pair = try KeygenKeyPair.generate()
        try await rack.run { api in
            let key = try await api.send(.post, "/account/keys", as: rack.alice, json: KeyCreateRequest(publicKey: pair.publicLine))
                .decode(KeyResource.self)
            try expectError(try await api.get("/account/keys/\(key.id)", as: rack.bob), .notFound, id: "not_found")
            try expectError(
                try await api.get("/account/keys/\(key.fingerprint.pathComponentEncoded)", as: rack.bob), .notFound, id: "not_found")
            try expectError(try await api.delete("/account/keys/\(key.id)", as: rack.bob), .notFound, id: "not_found")
            #expect(try await api.get("/account/keys/\(key.id)", as: rack.alice).status == .ok)
        }
    }

    @Test("Keys are refused without credentials")
    func keysNeedCredentials() async throws {
        let rack = try await APITestRack.make()
        let pair = try KeygenKeyPair.generate()
        try await rack.run { api in
            try expectError(try await api.get("/account/keys", as: nil), .unauthorized, id: "unauthorized")
            let response = try await api.send(.post, "/account/keys", as: nil, json: KeyCreateRequest(publicKey: pair.publicLine))
            try expectError(response, .unauthorized, id: "unauthorized")
            #expect(try await rack.store.keyOwner(fingerprint: pair.fingerprint) == nil)
        }
    }
}

extension Array where Element: Sendable {
    /// Maps in order, one element at a time.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
