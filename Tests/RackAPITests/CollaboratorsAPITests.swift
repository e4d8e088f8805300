import Foundation
import HummingbirdTesting
import RackCore
import Testing

@Suite("/apps/{app}/collaborators")
struct CollaboratorsAPITests {
    @Test("The owner adds a user by email: 201, and the user now sees the app")
    func addByEmail() async throws {
        let rack = try await APITestRack.make()
        let app = try await rack.makeApp("shared", owner: rack.alice)
        try await rack.run { api in
            #expect(try await api.list(AppResource.self, "/apps", as: rack.bob).isEmpty)
            try expectError(try await api.get("/apps/shared", as: rack.bob), .forbidden, id: "forbidden")

            let response = try await api.send(
                .post, "/apps/shared/collaborators", as: rack.alice, json: CollaboratorCreateRequest(user: "bob@example.com"))
            #expect(response.status == .created, "\(response.text)")
            let collaborator = try response.decode(CollaboratorResource.self)
            #expect(collaborator.user.email == "bob@example.com")
            #expect(collaborator.user.id == rack.bob.user.id)
            #expect(collaborator.role == "collaborator")
            #expect(collaborator.app == NamedReference(id: app.id, name: "shared"))

            #expect(try await api.list(AppResource.self, "/apps", as: rack.bob).map(\.name) == ["shared"])
            #expect(try await api.get("/apps/shared", as: rack.bob).status == .ok)
            #expect(try await api.list(AppResource.self, "/apps", as: rack.carol).isEmpty)
        }
    }

    @Test("The list holds the owner, role owner, and each collaborator, role collaborator")
    func list() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("team", owner: rack.alice)
        try await rack.run { api in
            for member in [rack.bob, rack.carol] {
                let response = try await api.send(
                    .post, "/apps/team/collaborators", as: rack.alice, json: CollaboratorCreateRequest(user: member.email))
                #expect(response.status == .created)
            }
            for viewer in [rack.alice, rack.bob] {
                let entries = try await api.list(CollaboratorResource.self, "/apps/team/collaborators", as: viewer)
                let roles = Dictionary(uniqueKeysWithValues: entries.map { ($0.user.email, $0.role) })
                #expect(
                    roles == ["alice@example.com": "owner", "bob@example.com": "collaborator", "carol@example.com": "collaborator"])
                #expect(entries.allSatisfy { $0.app.name == "team" })
            }
            let one = try await api.get("/apps/team/collaborators/bob@example.com", as: rack.alice)
            #expect(one.status == .ok)
            #expect(try one.decode(CollaboratorResource.self).role == "collaborator")
            let owner = try await api.get("/apps/team/collaborators/alice%40example.com", as: rack.carol)
            #expect(try owner.decode(CollaboratorResource.self).role == "owner")
        }
    }

    @Test("An email in another case finds the same user")
    func emailCase() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("cased", owner: rack.alice)
        try await rack.run { api in
            let response = try await api.send(
                .post, "/apps/cased/collaborators", as: rack.alice, json: CollaboratorCreateRequest(user: "Bob@Example.COM"))
            #expect(response.status == .created, "\(response.text)")
            #expect(try response.decode(CollaboratorResource.self).user.id == rack.bob.user.id)
            #expect(try await api.get("/apps/cased/collaborators/BOB@EXAMPLE.COM", as: rack.alice).status == .ok)
        }
    }

    @Test("An email no user has is 404, saying they need an account")
    func unknownEmail() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("lonely", owner: rack.alice)
        try await rack.run { api in
            let response = try await api.send(
                .post, "/apps/lonely/collaborators", as: rack.alice, json: CollaboratorCreateRequest(user: "dave@example.com"))
            try expectError(response, .notFound, id: "not_found", mentioning: ["dave@example.com", "account"])
            #expect(try await api.list(CollaboratorResource.self, "/apps/lonely/collaborators", as: rack.alice).count == 1)
        }
    }

    @Test("Adding a collaborator twice, or the owner, is a conflict")
    func conflicts() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("twice", owner: rack.alice, sharedWith: [rack.bob])
        try await rack.run { api in
            let again = try await api.send(
                .post, "/apps/twice/collaborators", as: rack.alice, json: CollaboratorCreateRequest(user: "bob@example.com"))
            try expectError(again, .conflict, id: "conflict", mentioning: ["bob@example.com", "twice"])
            let owner = try await api.send(
                .post, "/apps/twice/collaborators", as: rack.alice, json: CollaboratorCreateRequest(user: "alice@example.com"))
            try expectError(owner, .conflict, id: "conflict", mentioning: ["alice@example.com", "owns"])
            #expect(try await api.list(CollaboratorResource.self, "/apps/twice/collaborators", as: rack.alice).count == 2)
        }
    }

    @Test("A body without user is 422")
    func missingUser() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("bodyless", owner: rack.alice)
        try await rack.run { api in
            try expectError(
                try await api.send(.post, "/apps/bodyless/collaborators", as: rack.alice, body: #"{"email": "bob@example.com"}"#),
                .unprocessableContent, id: "invalid_params", mentioning: ["user"])
        }
    }

    @Test("A collaborator may not add others; a stranger may not see or add")
    func onlyOwnerAdds() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("closed", owner: rack.alice, sharedWith: [rack.bob])
        try await rack.run { api in
            let byBob = try await api.send(
                .post, "/apps/closed/collaborators", as: rack.bob, json: CollaboratorCreateRequest(user: "carol@example.com"))
            try expectError(byBob, .forbidden, id: "forbidden", mentioning: ["owner", "closed"])
            let byCarol = try await api.send(
                .post, "/apps/closed/collaborators", as: rack.carol, json: CollaboratorCreateRequest(user: "carol@example.com"))
            try expectError(byCarol, .forbidden, id: "forbidden")
            try expectError(try await api.get("/apps/closed/collaborators", as: rack.carol), .forbidden, id: "forbidden")
            #expect(try await api.list(AppResource.self, "/apps", as: rack.carol).isEmpty)
            #expect(try await api.list(CollaboratorResource.self, "/apps/closed/collaborators", as: rack.alice).count == 2)
        }
    }

    @Test("A collaborator may remove themselves, and loses access")
    func leave() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("left", owner: rack.alice, sharedWith: [rack.bob])
        try await rack.run { api in
            let response = try await api.delete("/apps/left/collaborators/bob@example.com", as: rack.bob)
            #expect(response.status == .ok, "\(response.text)")
            #expect(try response.decode(CollaboratorResource.self).user.email == "bob@example.com")
            try expectError(try await api.get("/apps/left", as: rack.bob), .forbidden, id: "forbidden")
            #expect(try await api.list(AppResource.self, "/apps", as: rack.bob).isEmpty)
        }
    }

    @Test("A collaborator may not remove another collaborator")
    func collaboratorRemovesOther() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("crowded", owner: rack.alice, sharedWith: [rack.bob, rack.carol])
        try await rack.run { api in
            try expectError(
                try await api.delete("/apps/crowded/collaborators/carol@example.com", as: rack.bob), .forbidden, id: "forbidden",
                mentioning: ["owner"])
            #expect(try await api.get("/apps/crowded", as: rack.carol).status == .ok)
        }
    }

    @Test("The owner removes a collaborator, by email or by id; they get 403 afterwards")
    func ownerRemoves() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("pruned", owner: rack.alice, sharedWith: [rack.bob, rack.carol])
        try await rack.run { api in
            #expect(try await api.get("/apps/pruned", as: rack.bob).status == .ok)
            let byEmail = try await api.delete("/apps/pruned/collaborators/bob@example.com", as: rack.alice)
            #expect(byEmail.status == .ok)
            try expectError(try await api.get("/apps/pruned", as: rack.bob), .forbidden, id: "forbidden")
            try expectError(try await api.get("/apps/pruned/config-vars", as: rack.bob), .forbidden, id: "forbidden")
            try expectError(
                try await api.send(.patch, "/apps/pruned/config-vars", as: rack.bob, json: ["A": "1"]), .forbidden, id: "forbidden")

            let entries = try await api.list(CollaboratorResource.self, "/apps/pruned/collaborators", as: rack.alice)
            let carol = try #require(entries.first { $0.user.email == "carol@example.com" })
            #expect(try await api.delete("/apps/pruned/collaborators/\(carol.id)", as: rack.alice).status == .ok)
            try expectError(try await api.get("/apps/pruned", as: rack.carol), .forbidden, id: "forbidden")
            #expect(try await api.list(CollaboratorResource.self, "/apps/pruned/collaborators", as: rack.alice).map(\.role) == ["owner"])

            // Removing someone who is not a collaborator is 404.
            try expectError(
                try await api.delete("/apps/pruned/collaborators/bob@example.com", as: rack.alice), .notFound, id: "not_found",
                mentioning: ["bob@example.com"])
        }
    }

    @Test("The owner cannot be removed, by anyone")
    func ownerStays() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("owned", owner: rack.alice, sharedWith: [rack.bob])
        try await rack.run { api in
            for member in [rack.alice, rack.bob] {
                let response = try await api.delete("/apps/owned/collaborators/alice@example.com", as: member)
                try expectError(response, .unprocessableContent, id: "invalid_params", mentioning: ["owner"])
            }
            let entries = try await api.list(CollaboratorResource.self, "/apps/owned/collaborators", as: rack.alice)
            #expect(entries.first { $0.role == "owner" }?.user.email == "alice@example.com")
            #expect(try await api.get("/apps/owned", as: rack.alice).decode(AppResource.self).owner.email == "alice@example.com")
        }
    }
}
