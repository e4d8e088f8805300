import Foundation
import HTTPTypes
import HummingbirdTesting
import RackCore
import Testing

/// The internal routes of the SSH gate: key lookup by fingerprint or id, and the access check.
@Suite("/internal for the SSH gate")
struct GateAPITests {
    static let gate: HTTPFields = [.authorization: "Internal \(APITestRack.gateSecret)"]

    /// Registers a real key for alice; returns it as the API shows it.
    static func aliceKey(_ rack: APITestRack, api: APITestClient) async throws -> KeyResource {
        let pair = try KeygenKeyPair.generate(comment: "alice@laptop")
        let response = try await api.send(.post, "/account/keys", as: rack.alice, json: KeyCreateRequest(publicKey: pair.publicLine))
        #expect(response.status == .created)
        return try response.decode(KeyResource.self)
    }

    @Test("A fingerprint finds its key and user; an unknown one is 404")
    func lookupByFingerprint() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            let key = try await Self.aliceKey(rack, api: api)
            let encoded = key.fingerprint.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: ":")))!
            let found = try await api.get("/internal/ssh-keys?fingerprint=\(encoded)", as: nil, headers: Self.gate)
            #expect(found.status == .ok)
            let resource = try found.decode(InternalKeyResource.self)
            #expect(resource.keyID == key.id)
            #expect(resource.user.email == "alice@example.com")

            let byID = try await api.get("/internal/ssh-keys/\(key.id)", as: nil, headers: Self.gate)
            #expect(try byID.decode(InternalKeyResource.self).fingerprint == key.fingerprint)

            let unknown = try await api.get(
                "/internal/ssh-keys?fingerprint=SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", as: nil, headers: Self.gate)
            #expect(unknown.status == .notFound)
            let malformed = try await api.get("/internal/ssh-keys?fingerprint=MD5:aa", as: nil, headers: Self.gate)
            #expect(malformed.status == .badRequest)
        }
    }

    @Test("The access check tells no such app, no access, and access apart")
    func accessCheck() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("shared-app", owner: rack.bob, sharedWith: [rack.alice])
        _ = try await rack.makeApp("bobs-app", owner: rack.bob)
        try await rack.run { api in
            let key = try await Self.aliceKey(rack, api: api)
            func ask(_ app: String, _ mode: AccessMode = .write) async throws -> TestResponse {
                let body = String(decoding: try JSONEncoder().encode(InternalAccessRequest(keyID: key.id, app: app, access: mode)), as: UTF8.self)
                return try await api.send(.post, "/internal/access", as: nil, body: body, headers: Self.gate)
            }
            let granted = try await ask("shared-app")
            #expect(granted.status == .ok)
            #expect(try granted.decode(InternalAccessResource.self).app.name == "shared-app")
            #expect(try granted.decode(InternalAccessResource.self).user.email == "alice@example.com")

            let denied = try await ask("bobs-app", .read)
            try expectError(denied, .forbidden, id: "forbidden", mentioning: ["You don't have access to bobs-app."])
            let missing = try await ask("no-such-app")
            try expectError(missing, .notFound, id: "not_found", mentioning: ["No such app as no-such-app."])
            let invalid = try await ask("Bad_Name")
            #expect(invalid.status == .unprocessableContent)
        }
    }

    @Test("A removed key is no longer let in by the access check")
    func removedKey() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("alices-app", owner: rack.alice)
        try await rack.run { api in
            let key = try await Self.aliceKey(rack, api: api)
            #expect(try await api.delete("/account/keys/\(key.id)", as: rack.alice).status == .ok)
            let body = String(decoding: try JSONEncoder().encode(InternalAccessRequest(keyID: key.id, app: "alices-app", access: .write)), as: UTF8.self)
            let response = try await api.send(.post, "/internal/access", as: nil, body: body, headers: Self.gate)
            #expect(response.status == .unauthorized)
            #expect(try await api.get("/internal/ssh-keys/\(key.id)", as: nil, headers: Self.gate).status == .notFound)
        }
    }

    @Test("The gate secret opens only the gate's routes; a user token opens none of them")
    func gateSecretIsNarrow() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            #expect(try await api.get("/internal/health", as: nil, headers: Self.gate).status == .unauthorized)
            #expect(try await api.get("/internal/health", as: nil, headers: [.authorization: "Internal \(APITestRack.internalSecret)"]).status == .ok)
            let asUser = try await api.get("/internal/ssh-keys?fingerprint=SHA256:x", as: rack.alice)
            #expect(asUser.status == .unauthorized)
            #expect(try await api.get("/account", as: nil, headers: Self.gate).status == .unauthorized)
        }
    }
}
