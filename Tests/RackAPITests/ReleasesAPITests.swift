import Foundation
import HummingbirdTesting
import RackCore
import RackStore
import Testing

@Suite("/apps/{app}/releases")
struct ReleasesAPITests {
    /// An app with releases v1 (initial) to v4 (three config changes).
    static func makeHistory() async throws -> (APITestRack, AppRecord) {
        let rack = try await APITestRack.make()
        let app = try await rack.makeApp("released", owner: rack.alice, sharedWith: [rack.bob])
        _ = try await rack.store.updateConfigVars(appID: app.id, changes: ["A": "1"], userID: rack.alice.user.id)
        _ = try await rack.store.updateConfigVars(appID: app.id, changes: ["B": "2"], userID: rack.bob.user.id)
        _ = try await rack.store.updateConfigVars(appID: app.id, changes: ["A": nil], userID: rack.alice.user.id)
        return (rack, app)
    }

    @Test("Releases are listed oldest first, and only the latest is current")
    func listOrder() async throws {
        let (rack, app) = try await Self.makeHistory()
        try await rack.run { api in
            let releases = try await api.list(ReleaseResource.self, "/apps/released/releases", as: rack.alice)
            #expect(releases.map(\.version) == [1, 2, 3, 4])
            #expect(releases.map(\.description) == ["Initial release", "Set A config vars", "Set B config vars", "Remove A config vars"])
            #expect(releases.map(\.current) == [false, false, false, true])
            #expect(releases.map(\.user.email) == ["alice@example.com", "alice@example.com", "bob@example.com", "alice@example.com"])
            #expect(releases.allSatisfy { $0.app == NamedReference(id: app.id, name: "released") && $0.status == "succeeded" })
            #expect(Set(releases.map(\.id)).count == 4)
            #expect(zip(releases, releases.dropFirst()).allSatisfy { $0.createdAt <= $1.createdAt })
            // A collaborator sees the same list.
            #expect(try await api.list(ReleaseResource.self, "/apps/released/releases", as: rack.bob) == releases)
        }
    }

    @Test("A release is found by version, by vN and by id")
    func getOne() async throws {
        let (rack, _) = try await Self.makeHistory()
        try await rack.run { api in
            let listed = try await api.list(ReleaseResource.self, "/apps/released/releases", as: rack.alice)
            let second = listed[1]
            for key in ["2", "v2", second.id] {
                let response = try await api.get("/apps/released/releases/\(key)", as: rack.alice)
                #expect(response.status == .ok, "\(key): \(response.text)")
                let release = try response.decode(ReleaseResource.self)
                #expect(release == second, "\(key)")
                #expect(!release.current)
            }
            let latest = try await api.get("/apps/released/releases/v4", as: rack.alice).decode(ReleaseResource.self)
            #expect(latest.current)
            let json = try await api.get("/apps/released/releases/4", as: rack.alice).jsonObject()
            for field in ["id", "version", "description", "status", "current", "app", "user", "created_at", "updated_at"] {
                #expect(json[field] != nil, "a release lacks \(field)")
            }
        }
    }

    @Test("After a new release, the previous one is no longer current")
    func currentMoves() async throws {
        let (rack, _) = try await Self.makeHistory()
        try await rack.run { api in
            try await api.setConfig(["C": "3"], app: "released", as: rack.alice)
            #expect(try await api.get("/apps/released/releases/4", as: rack.alice).decode(ReleaseResource.self).current == false)
            #expect(try await api.get("/apps/released/releases/5", as: rack.alice).decode(ReleaseResource.self).current)
            let releases = try await api.list(ReleaseResource.self, "/apps/released/releases", as: rack.alice)
            #expect(releases.filter(\.current).map(\.version) == [5])
        }
    }

    @Test("An unknown release is 404", arguments: ["5", "v99", "0", "-1", "v", "vv2", "not-an-id", UUID().uuidString.lowercased()])
    func unknownRelease(_ key: String) async throws {
        let (rack, _) = try await Self.makeHistory()
        try await rack.run { api in
            try expectError(
                try await api.get("/apps/released/releases/\(key)", as: rack.alice), .notFound, id: "not_found",
                mentioning: ["release", "released"])
            try expectError(try await api.get("/apps/released/releases/\(key)/config-vars", as: rack.alice), .notFound, id: "not_found")
        }
    }

    @Test("Another app's release is not found through this app")
    func otherAppsRelease() async throws {
        let (rack, _) = try await Self.makeHistory()
        _ = try await rack.makeApp("other", owner: rack.alice)
        try await rack.run { api in
            let foreign = try await api.list(ReleaseResource.self, "/apps/released/releases", as: rack.alice)[3]
            try expectError(try await api.get("/apps/other/releases/\(foreign.id)", as: rack.alice), .notFound, id: "not_found")
            try expectError(try await api.get("/apps/other/releases/4", as: rack.alice), .notFound, id: "not_found")
        }
    }

    @Test("A stranger sees no releases")
    func strangerRefused() async throws {
        let (rack, _) = try await Self.makeHistory()
        try await rack.run { api in
            try expectError(try await api.get("/apps/released/releases", as: rack.carol), .forbidden, id: "forbidden")
            try expectError(try await api.get("/apps/released/releases/1", as: rack.carol), .forbidden, id: "forbidden")
            try expectError(try await api.get("/apps/nowhere/releases", as: rack.alice), .notFound, id: "not_found")
        }
    }
}
