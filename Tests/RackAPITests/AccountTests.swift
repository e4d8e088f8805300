import Foundation
import HummingbirdTesting
import RackCore
import Testing

@Suite("GET /account")
struct AccountTests {
    @Test("The account is the signed-in user, in Heroku's shape")
    func account() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            let response = try await api.get("/account", as: rack.alice)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let account = try response.decode(AccountResource.self)
            #expect(account.id == rack.alice.user.id)
            #expect(account.email == "alice@example.com")
            #expect(account.verified)
            #expect(!account.twoFactorAuthentication)
            #expect(abs(account.createdAt.timeIntervalSince(rack.alice.user.createdAt)) < 1)

            let json = try response.jsonObject()
            for field in ["id", "email", "verified", "two_factor_authentication", "created_at", "updated_at"] {
                #expect(json[field] != nil, "GET /account lacks \(field)")
            }
            // Times are ISO 8601, as Heroku's are.
            let created = try #require(json["created_at"] as? String)
            #expect(ISO8601DateFormatter().date(from: created) != nil, "\(created)")
        }
    }

    @Test("Each user sees their own account")
    func ownAccount() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            let bob = try await api.get("/account", as: rack.bob).decode(AccountResource.self)
            let carol = try await api.get("/account", as: rack.carol).decode(AccountResource.self)
            #expect(bob.id == rack.bob.user.id)
            #expect(carol.email == "carol@example.com")
        }
    }

    @Test("The account is refused without credentials")
    func accountNeedsCredentials() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            try expectError(try await api.get("/account", as: nil), .unauthorized, id: "unauthorized")
            try expectError(try await api.get("/account/rate-limits", as: nil), .unauthorized, id: "unauthorized")
        }
    }
}
