import Foundation
import HummingbirdTesting
import RackCore
import Testing

/// Listing builds: the empty list and what is not there (builds themselves: BuildLifecycleAPITests).
@Suite("/apps/{app}/builds")
struct BuildsAPITests {
    @Test("A new app has no builds: an empty list, 200, no Next-Range")
    func emptyList() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("unbuilt", owner: rack.alice, sharedWith: [rack.bob])
        try await rack.run { api in
            for member in [rack.alice, rack.bob] {
                let response = try await api.get("/apps/unbuilt/builds", as: member)
                #expect(response.status == .ok)
                #expect(try response.decode([BuildResource].self).isEmpty)
                #expect(response.text == "[]")
                #expect(response.header("Next-Range") == nil)
            }
        }
    }

    @Test("An unknown build is 404, and so is its output")
    func unknownBuild() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("unbuilt", owner: rack.alice)
        try await rack.run { api in
            let id = UUID().uuidString.lowercased()
            try expectError(
                try await api.get("/apps/unbuilt/builds/\(id)", as: rack.alice), .notFound, id: "not_found",
                mentioning: ["build", id, "unbuilt"])
            try expectError(try await api.get("/apps/unbuilt/builds/\(id)/output", as: rack.alice), .notFound, id: "not_found")
        }
    }

    @Test("Builds of another user's app are 403; of an unknown app 404")
    func access() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("unbuilt", owner: rack.alice)
        try await rack.run { api in
            try expectError(try await api.get("/apps/unbuilt/builds", as: rack.carol), .forbidden, id: "forbidden")
            try expectError(try await api.get("/apps/unbuilt/builds/x", as: rack.carol), .forbidden, id: "forbidden")
            try expectError(try await api.get("/apps/nowhere/builds", as: rack.alice), .notFound, id: "not_found")
            try expectError(try await api.get("/apps/unbuilt/builds", as: nil), .unauthorized, id: "unauthorized")
        }
    }
}
