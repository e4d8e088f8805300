import Foundation
import HTTPTypes
import HummingbirdTesting
import RackCore
import Testing

/// `Authorization` values a Heroku client might send with a valid token.
enum AcceptedCredentials: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case bearer, lowercaseBearer, basicEmptyUser, basicEmailUser, basicOtherUser, bearerWithExtraSpaces

    var testDescription: String { rawValue }

    func header(token: String, email: String) -> String {
        func basic(_ pair: String) -> String { "Basic " + Data(pair.utf8).base64EncodedString() }
        return switch self {
        case .bearer: "Bearer \(token)"
        case .lowercaseBearer: "bearer \(token)"
        case .basicEmptyUser: basic(":\(token)")
        case .basicEmailUser: basic("\(email):\(token)")
        case .basicOtherUser: basic("whoever:\(token)")
        case .bearerWithExtraSpaces: "Bearer   \(token)  "
        }
    }
}

/// `Authorization` values that must not sign anyone in.
enum RefusedCredentials: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case none, empty, bearerAlone, unknownWellFormedToken, wrongSecret, malformedToken, tokenWithoutScheme,
        otherScheme, basicWithoutPassword, basicWrongPassword, basicNotBase64, basicWithoutColon, internalSecret

    var testDescription: String { rawValue }

    /// The header value; nil sends none.
    func header(token: String) -> String? {
        func basic(_ pair: String) -> String { "Basic " + Data(pair.utf8).base64EncodedString() }
        // A valid token with the last hex digit of its secret changed: same id, wrong secret.
        let last = token.last!
        let wrongSecret = String(token.dropLast()) + (last == "0" ? "1" : "0")
        return switch self {
        case .none: nil
        case .empty: ""
        case .bearerAlone: "Bearer"
        case .unknownWellFormedToken: "Bearer rack_\(String(repeating: "0", count: 16))_\(String(repeating: "a", count: 64))"
        case .wrongSecret: "Bearer \(wrongSecret)"
        case .malformedToken: "Bearer not-a-token"
        case .tokenWithoutScheme: token
        case .otherScheme: "Token \(token)"
        case .basicWithoutPassword: basic("\(token):")
        case .basicWrongPassword: basic("alice@example.com:hunter2")
        case .basicNotBase64: "Basic !!!not base64!!!"
        case .basicWithoutColon: basic(token)
        case .internalSecret: "Internal \(APITestRack.internalSecret)"
        }
    }
}

@Suite("Authentication")
struct AuthenticationTests {
    @Test("A valid token signs in whichever way it is sent", arguments: AcceptedCredentials.allCases)
    func acceptedCredentials(_ credentials: AcceptedCredentials) async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            let header = credentials.header(token: rack.alice.token, email: rack.alice.email)
            let response = try await api.get("/account", as: nil, headers: [.authorization: header])
            #expect(response.status == .ok, "\(response.text)")
            #expect(try response.decode(AccountResource.self).email == "alice@example.com")
        }
    }

    @Test("Anything but a valid token is refused with 401", arguments: RefusedCredentials.allCases)
    func refusedCredentials(_ credentials: RefusedCredentials) async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            var headers: HTTPFields = [:]
            if let header = credentials.header(token: rack.alice.token) { headers[.authorization] = header }
            for path in ["/account", "/apps", "/account/keys"] {
                let response = try await api.get(path, as: nil, headers: headers)
                try expectError(response, .unauthorized, id: "unauthorized", mentioning: ["credentials"])
                #expect(response.header("RateLimit-Remaining") == nil)
            }
        }
    }

    @Test("Each token signs in its own user")
    func tokensAreTheirUsers() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            for member in [rack.alice, rack.bob, rack.carol] {
                let account = try await api.get("/account", as: member).decode(AccountResource.self)
                #expect(account.email == member.email)
                #expect(account.id == member.user.id)
            }
        }
    }

    @Test("A second token of a user works alongside the first")
    func secondToken() async throws {
        let rack = try await APITestRack.make()
        let second = try await rack.store.createToken(userID: rack.bob.user.id, description: "laptop")
        try await rack.run { api in
            let response = try await api.get("/account", as: nil, headers: [.authorization: "Bearer \(second)"])
            #expect(try response.decode(AccountResource.self).email == "bob@example.com")
            #expect(try await api.get("/account", as: rack.bob).status == .ok)
        }
    }

    @Test(
        "Accept for version 3 of the API, plain JSON, or none is served",
        arguments: [
            nil, "application/vnd.heroku+json; version=3", "application/vnd.heroku+json;version=3",
            "application/vnd.heroku+json", "application/json", "*/*",
        ])
    func acceptedVersions(_ accept: String?) async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            var headers: HTTPFields = [:]
            if let accept { headers[.accept] = accept }
            let response = try await api.get("/account", as: rack.alice, headers: headers)
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
        }
    }

    @Test(
        "Another version of the API is refused with 406",
        arguments: ["application/vnd.heroku+json; version=2", "application/vnd.heroku+json; version=4"])
    func refusedVersions(_ accept: String) async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            let response = try await api.get("/account", as: rack.alice, headers: [.accept: accept])
            try expectError(response, .notAcceptable, id: "not_acceptable", mentioning: ["version=3"])
        }
    }

    @Test("RateLimit-Remaining is sent and counts down with each request")
    func rateLimitRemainingCountsDown() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            var seen: [Int] = []
            for _ in 0..<3 {
                let response = try await api.get("/account", as: rack.alice)
                seen.append(try #require(response.header("RateLimit-Remaining").flatMap { Int($0) }))
            }
            #expect(seen == [4499, 4498, 4497])
            // Each user has a budget of their own.
            #expect(try await api.get("/account", as: rack.bob).header("RateLimit-Remaining") == "4499")
        }
    }

    @Test("An error answer to a signed-in user counts against the budget and says what remains")
    func rateLimitRemainingOnErrors() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            _ = try await api.get("/account", as: rack.alice)
            let missing = try await api.get("/apps/no-such-app", as: rack.alice)
            #expect(missing.status == .notFound)
            // Heroku sends the header with every answer, errors included: clients back off by it.
            #expect(missing.header("RateLimit-Remaining") == "4498")
            #expect(try await api.get("/account", as: rack.alice).header("RateLimit-Remaining") == "4497")
        }
        // The refusal once the budget is spent says 0 remain.
        let small = try await APITestRack.make(hourlyRequestLimit: 1)
        try await small.run { api in
            #expect(try await api.get("/account", as: small.alice).header("RateLimit-Remaining") == "0")
            let refused = try await api.get("/account", as: small.alice)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.header("RateLimit-Remaining") == "0")
        }
    }

    @Test("GET /account/rate-limits shows what remains of the budget")
    func rateLimitsResource() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            _ = try await api.get("/account", as: rack.alice)
            let response = try await api.get("/account/rate-limits", as: rack.alice)
            #expect(response.status == .ok)
            let limits = try response.decode(RateLimitResource.self)
            #expect(limits.remaining == 4498)
            #expect(response.header("RateLimit-Remaining") == String(limits.remaining))
            #expect(try response.jsonObject()["remaining"] as? Int == 4498)
            #expect(try await api.get("/account/rate-limits", as: rack.bob).decode(RateLimitResource.self).remaining == 4499)
        }
    }

    @Test("Once the budget is spent, requests are refused with 429 until the window ends")
    func rateLimitIsEnforced() async throws {
        let rack = try await APITestRack.make(hourlyRequestLimit: 3)
        try await rack.run { api in
            for expected in ["2", "1", "0"] {
                let response = try await api.get("/account", as: rack.alice)
                #expect(response.status == .ok)
                #expect(response.header("RateLimit-Remaining") == expected)
            }
            let refused = try await api.get("/account", as: rack.alice)
            try expectError(refused, .tooManyRequests, id: "rate_limit", mentioning: ["rate limit"])
            #expect(try await api.get("/account", as: rack.bob).status == .ok)
        }
    }

    @Test("A path the API does not have is 404 in Heroku's error shape")
    func unknownPath() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            let response = try await api.get("/no/such/thing", as: rack.alice)
            try expectError(response, .notFound, id: "not_found", mentioning: ["/no/such/thing"])
        }
    }
}
