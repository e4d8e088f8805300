import Foundation
import HTTPTypes
import HummingbirdTesting
import RackCore
import Testing

/// `Authorization` values that must not open the internal API.
enum RefusedInternalCredentials: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case none, userBearerToken, userBasicToken, wrongSecret, secretPrefix, secretWithSuffix, emptySecret, bearerSecret,
        basicSecret, bareSecret, lowercaseScheme

    var testDescription: String { rawValue }

    func header(userToken: String) -> String? {
        let secret = APITestRack.internalSecret
        return switch self {
        case .none: nil
        case .userBearerToken: "Bearer \(userToken)"
        case .userBasicToken: "Basic " + Data(":\(userToken)".utf8).base64EncodedString()
        case .wrongSecret: "Internal s3creT"
        case .secretPrefix: "Internal s3cre"
        case .secretWithSuffix: "Internal \(secret)x"
        case .emptySecret: "Internal "
        case .bearerSecret: "Bearer \(secret)"
        case .basicSecret: "Basic " + Data("rack:\(secret)".utf8).base64EncodedString()
        case .bareSecret: secret
        case .lowercaseScheme: "internal \(secret)"
        }
    }
}

@Suite("/internal")
struct InternalAPITests {
    @Test("GET /internal/health with the internal secret is 200")
    func health() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            let response = try await api.get("/internal/health", as: nil, headers: [.authorization: "Internal s3cret"])
            #expect(response.status == .ok)
            #expect(try response.decode([String: String].self) == ["status": "ok"])
            // The internal API is not rate limited per user.
            #expect(response.header("RateLimit-Remaining") == nil)
        }
    }

    @Test("The internal API refuses anything but the secret with 401", arguments: RefusedInternalCredentials.allCases)
    func refused(_ credentials: RefusedInternalCredentials) async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            var headers: HTTPFields = [:]
            if let header = credentials.header(userToken: rack.alice.token) { headers[.authorization] = header }
            let response = try await api.get("/internal/health", as: nil, headers: headers)
            try expectError(response, .unauthorized, id: "unauthorized", mentioning: ["internal"])
            #expect(!response.text.contains(APITestRack.internalSecret))
        }
    }

    @Test("The internal secret does not sign in to the public API")
    func secretIsNotAUserToken() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            let response = try await api.get("/account", as: nil, headers: [.authorization: "Internal s3cret"])
            try expectError(response, .unauthorized, id: "unauthorized")
            let bearer = try await api.get("/apps", as: nil, headers: [.authorization: "Bearer s3cret"])
            try expectError(bearer, .unauthorized, id: "unauthorized")
        }
    }

    @Test("An unknown internal path with the secret is 404")
    func unknownInternalPath() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            let response = try await api.get("/internal/nothing-here", as: nil, headers: [.authorization: "Internal s3cret"])
            try expectError(response, .notFound, id: "not_found")
        }
    }
}
