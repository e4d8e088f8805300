import Foundation
import HummingbirdTesting
import RackCore
import Testing

@Suite("/apps")
struct AppsAPITests {
    @Test("Creating an app with a name answers 201 with the app in Heroku's shape")
    func createNamed() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            let response = try await api.send(.post, "/apps", as: rack.alice, json: AppCreateRequest(name: "my-app"))
            #expect(response.status == .created, "\(response.text)")
            let app = try response.decode(AppResource.self)
            #expect(app.name == "my-app")
            #expect(app.owner == UserReference(id: rack.alice.user.id, email: "alice@example.com"))
            #expect(app.gitURL == "ssh://git@127.0.0.1:2222/my-app.git")
            #expect(app.stack.name == "heroku-24")
            #expect(app.buildStack.name == "heroku-24")
            #expect(!app.maintenance)
            #expect(app.deployBranch == nil)
            let json = try response.jsonObject()
            for field in ["id", "name", "owner", "git_url", "stack", "build_stack", "region", "maintenance", "created_at", "updated_at"] {
                #expect(json[field] != nil, "the app lacks \(field)")
            }
        }
    }

    @Test("Creating an app without a name picks a valid, free one")
    func createUnnamed() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            var names: Set<String> = []
            for _ in 0..<3 {
                let response = try await api.send(.post, "/apps", as: rack.alice, body: "{}")
                #expect(response.status == .created, "\(response.text)")
                let app = try response.decode(AppResource.self)
                #expect(app.name.wholeMatch(of: /[a-z][a-z0-9-]{2,29}/) != nil, "\(app.name)")
                #expect(app.gitURL == "ssh://git@127.0.0.1:2222/\(app.name).git")
                names.insert(app.name)
                #expect(try await api.get("/apps/\(app.name)", as: rack.alice).status == .ok)
            }
            #expect(names.count == 3)
        }
    }

    @Test("Creating an app with no body at all picks a name, as Heroku's quick start does with curl -X POST /apps")
    func createWithoutBody() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            let response = try await api.send(
                .post, "/apps", as: rack.alice, headers: [.accept: "application/vnd.heroku+json; version=3"])
            #expect(response.status == .created, "\(response.text)")
            let app = try? response.decode(AppResource.self)
            #expect(app?.name.wholeMatch(of: /[a-z][a-z0-9-]{2,29}/) != nil)
        }
    }

    @Test(
        "A name that breaks the rule is refused with 422",
        arguments: [
            "MyApp", "my-App", "ab", "a", "", TextCase(String(repeating: "a", count: 31)), "1app", "-app", "my_app", "my app",
            "my.app", "appé", "app/x",
        ] as [TextCase])
    func badName(_ name: TextCase) async throws {
        let name = name.text
        let rack = try await APITestRack.make()
        try await rack.run { api in
            let response = try await api.send(.post, "/apps", as: rack.alice, json: AppCreateRequest(name: name))
            try expectError(response, .unprocessableContent, id: "invalid_params", mentioning: ["lowercase"])
            #expect(try await api.list(AppResource.self, "/apps", as: rack.alice).isEmpty)
        }
    }

    @Test("Names of 3 and of 30 characters are fine", arguments: ["abc", "a" + String(repeating: "0", count: 28) + "z", "a-1"])
    func boundaryNames(_ name: String) async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            let response = try await api.send(.post, "/apps", as: rack.alice, json: AppCreateRequest(name: name))
            #expect(response.status == .created, "\(name): \(response.text)")
        }
    }

    @Test("A name that is taken is a conflict, whoever took it")
    func duplicateName() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            _ = try await api.createApp("taken", as: rack.alice)
            for member in [rack.alice, rack.bob] {
                let response = try await api.send(.post, "/apps", as: member, json: AppCreateRequest(name: "taken"))
                try expectError(response, .conflict, id: "conflict", mentioning: ["taken"])
            }
            #expect(try await api.list(AppResource.self, "/apps", as: rack.bob).isEmpty)
        }
    }

    @Test("Only the rack's stack is accepted")
    func stack() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            let wrong = try await api.send(.post, "/apps", as: rack.alice, json: AppCreateRequest(name: "old", stack: "cedar-14"))
            try expectError(wrong, .unprocessableContent, id: "invalid_params", mentioning: ["cedar-14", "heroku-24"])
            let right = try await api.send(.post, "/apps", as: rack.alice, json: AppCreateRequest(name: "new", stack: "heroku-24"))
            #expect(right.status == .created)
        }
    }

    @Test("A create body that is not JSON is 400")
    func createWithBadJSON() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            try expectError(try await api.send(.post, "/apps", as: rack.alice, body: "{name: x}"), .badRequest, id: "bad_request")
            try expectError(
                try await api.send(.post, "/apps", as: rack.alice, body: #"{"name": 7}"#), .unprocessableContent,
                id: "invalid_params", mentioning: ["name"])
        }
    }

    @Test("The list holds the apps a user owns or shares, and no others")
    func listOwnAndShared() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("alice-one", owner: rack.alice)
        _ = try await rack.makeApp("alice-shared", owner: rack.alice, sharedWith: [rack.bob])
        _ = try await rack.makeApp("bob-one", owner: rack.bob)
        _ = try await rack.makeApp("carol-one", owner: rack.carol)
        try await rack.run { api in
            func names(_ member: APITestRack.Member) async throws -> Set<String> {
                Set(try await api.list(AppResource.self, "/apps", as: member).map(\.name))
            }
            #expect(try await names(rack.alice) == ["alice-one", "alice-shared"])
            #expect(try await names(rack.bob) == ["alice-shared", "bob-one"])
            #expect(try await names(rack.carol) == ["carol-one"])
            let shared = try await api.list(AppResource.self, "/apps", as: rack.bob).first { $0.name == "alice-shared" }
            #expect(shared?.owner.email == "alice@example.com")
        }
    }

    @Test("An admin sees every app")
    func adminSeesAll() async throws {
        let rack = try await APITestRack.make()
        let admin = try await rack.store.createUser(email: "root@example.com", isAdmin: true)
        let token = try await rack.store.createToken(userID: admin.id, description: "admin")
        let root = APITestRack.Member(user: admin, token: token.description)
        _ = try await rack.makeApp("alice-one", owner: rack.alice)
        _ = try await rack.makeApp("bob-one", owner: rack.bob)
        try await rack.run { api in
            let names = try await api.list(AppResource.self, "/apps", as: root).map(\.name)
            #expect(Set(names) == ["alice-one", "bob-one"])
            let bobs = try await api.get("/apps/bob-one", as: root)
            #expect(bobs.status == .ok)
        }
    }

    @Test("An app is found by id and by name")
    func getByIDAndName() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            let created = try await api.createApp("lookup", as: rack.alice)
            for key in [created.id, created.name] {
                let response = try await api.get("/apps/\(key)", as: rack.alice)
                #expect(response.status == .ok)
                let app = try response.decode(AppResource.self)
                #expect(app.id == created.id)
                #expect(app.name == "lookup")
                #expect(app.gitURL == "ssh://git@127.0.0.1:2222/lookup.git")
            }
        }
    }

    @Test("An unknown app is 404, by name or by id")
    func unknownApp() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            for key in ["no-such-app", UUID().uuidString.lowercased(), String(repeating: "x", count: 100)] {
                try expectError(try await api.get("/apps/\(key)", as: rack.alice), .notFound, id: "not_found", mentioning: ["app"])
            }
            try expectError(
                try await api.send(.patch, "/apps/no-such-app", as: rack.alice, json: AppUpdateRequest(name: "new-name")),
                .notFound, id: "not_found")
            try expectError(try await api.delete("/apps/no-such-app", as: rack.alice), .notFound, id: "not_found")
        }
    }

    @Test("Another user's app is 403 to a stranger, whatever they try")
    func strangersApp() async throws {
        let rack = try await APITestRack.make()
        let app = try await rack.makeApp("private-app", owner: rack.alice)
        try await rack.run { api in
            for key in [app.name, app.id] {
                try expectError(
                    try await api.get("/apps/\(key)", as: rack.carol), .forbidden, id: "forbidden", mentioning: ["private-app"])
            }
            try expectError(
                try await api.send(.patch, "/apps/private-app", as: rack.carol, json: AppUpdateRequest(name: "stolen")),
                .forbidden, id: "forbidden")
            try expectError(
                try await api.send(.patch, "/apps/private-app", as: rack.carol, json: AppUpdateRequest(maintenance: true)),
                .forbidden, id: "forbidden")
            try expectError(try await api.delete("/apps/private-app", as: rack.carol), .forbidden, id: "forbidden")
            let still = try await api.get("/apps/private-app", as: rack.alice).decode(AppResource.self)
            #expect(still.name == "private-app")
            #expect(!still.maintenance)
        }
    }

    @Test("The owner renames an app: the old name is free, the git URL follows")
    func rename() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            let created = try await api.createApp("before", as: rack.alice)
            let response = try await api.send(.patch, "/apps/before", as: rack.alice, json: AppUpdateRequest(name: "after"))
            #expect(response.status == .ok, "\(response.text)")
            let renamed = try response.decode(AppResource.self)
            #expect(renamed.id == created.id)
            #expect(renamed.name == "after")
            #expect(renamed.gitURL == "ssh://git@127.0.0.1:2222/after.git")
            try expectError(try await api.get("/apps/before", as: rack.alice), .notFound, id: "not_found")
            #expect(try await api.get("/apps/after", as: rack.alice).decode(AppResource.self).id == created.id)
            #expect(try await api.send(.post, "/apps", as: rack.bob, json: AppCreateRequest(name: "before")).status == .created)
        }
    }

    @Test("Renaming to a taken or invalid name is refused and changes nothing")
    func renameRefused() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("first", owner: rack.alice)
        _ = try await rack.makeApp("second", owner: rack.bob)
        try await rack.run { api in
            try expectError(
                try await api.send(.patch, "/apps/first", as: rack.alice, json: AppUpdateRequest(name: "second")), .conflict,
                id: "conflict", mentioning: ["second"])
            try expectError(
                try await api.send(.patch, "/apps/first", as: rack.alice, json: AppUpdateRequest(name: "Not_Valid")),
                .unprocessableContent, id: "invalid_params")
            #expect(try await api.get("/apps/first", as: rack.alice).status == .ok)
        }
    }

    @Test("A collaborator may not rename an app, but may put it in maintenance")
    func collaboratorUpdates() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("shared", owner: rack.alice, sharedWith: [rack.bob])
        try await rack.run { api in
            let rename = try await api.send(.patch, "/apps/shared", as: rack.bob, json: AppUpdateRequest(name: "bobs-now"))
            try expectError(rename, .forbidden, id: "forbidden", mentioning: ["owner", "shared"])
            #expect(try await api.get("/apps/shared", as: rack.alice).status == .ok)
            try expectError(try await api.get("/apps/bobs-now", as: rack.alice), .notFound, id: "not_found")

            let maintenance = try await api.send(.patch, "/apps/shared", as: rack.bob, json: AppUpdateRequest(maintenance: true))
            #expect(maintenance.status == .ok)
            #expect(try maintenance.decode(AppResource.self).maintenance)
        }
    }

    @Test("The deploy branch is set to a branch name and refused otherwise")
    func deployBranch() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("branchy", owner: rack.alice)
        try await rack.run { api in
            let main = try await api.send(.patch, "/apps/branchy", as: rack.alice, json: AppUpdateRequest(deployBranch: "main"))
            #expect(try main.decode(AppResource.self).deployBranch == "main")
            for bad in ["-x", "a..b", "x.lock", "with space", "semi;colon"] {
                try expectError(
                    try await api.send(.patch, "/apps/branchy", as: rack.alice, json: AppUpdateRequest(deployBranch: bad)),
                    .unprocessableContent, id: "invalid_params")
            }
            #expect(try await api.get("/apps/branchy", as: rack.alice).decode(AppResource.self).deployBranch == "main")
        }
    }

    @Test("The owner deletes an app: the answer is the app, then it is gone everywhere")
    func delete() async throws {
        let rack = try await APITestRack.make()
        let app = try await rack.makeApp("doomed", owner: rack.alice, sharedWith: [rack.bob])
        _ = try await rack.store.updateConfigVars(appID: app.id, changes: ["SECRET": "x"], userID: rack.alice.user.id)
        try await rack.run { api in
            let response = try await api.delete("/apps/doomed", as: rack.alice)
            #expect(response.status == .ok)
            #expect(try response.decode(AppResource.self).id == app.id)
            for member in [rack.alice, rack.bob] {
                try expectError(try await api.get("/apps/doomed", as: member), .notFound, id: "not_found")
                try expectError(try await api.get("/apps/\(app.id)/config-vars", as: member), .notFound, id: "not_found")
                try expectError(try await api.get("/apps/doomed/releases", as: member), .notFound, id: "not_found")
                #expect(try await api.list(AppResource.self, "/apps", as: member).isEmpty)
            }
            #expect(try await rack.store.releases(appID: app.id).isEmpty)
            #expect(try await rack.store.configVars(appID: app.id).isEmpty)
            // The name is free again.
            #expect(try await api.send(.post, "/apps", as: rack.carol, json: AppCreateRequest(name: "doomed")).status == .created)
        }
    }

    @Test("A collaborator may not delete an app")
    func collaboratorDelete() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("kept", owner: rack.alice, sharedWith: [rack.bob])
        try await rack.run { api in
            try expectError(try await api.delete("/apps/kept", as: rack.bob), .forbidden, id: "forbidden", mentioning: ["owner", "kept"])
            #expect(try await api.get("/apps/kept", as: rack.alice).status == .ok)
            #expect(try await api.get("/apps/kept", as: rack.bob).status == .ok)
        }
    }

    @Test("A new app has release v1, \"Initial release\", with an empty config")
    func initialRelease() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            let app = try await api.createApp("fresh", as: rack.alice)
            let releases = try await api.list(ReleaseResource.self, "/apps/fresh/releases", as: rack.alice)
            try #require(releases.count == 1)
            #expect(releases[0].version == 1)
            #expect(releases[0].description == "Initial release")
            #expect(releases[0].current)
            #expect(releases[0].status == "succeeded")
            #expect(releases[0].user.email == "alice@example.com")
            #expect(releases[0].app == NamedReference(id: app.id, name: "fresh"))
            #expect(try await api.get("/apps/fresh/releases/1/config-vars", as: rack.alice).decode([String: String].self).isEmpty)
            #expect(try await api.get("/apps/fresh/config-vars", as: rack.alice).decode([String: String].self).isEmpty)
            #expect(try await api.get("/apps/fresh", as: rack.alice).decode(AppResource.self).releasedAt != nil)
        }
    }

    @Test("Apps are refused without credentials")
    func appsNeedCredentials() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            try expectError(try await api.get("/apps", as: nil), .unauthorized, id: "unauthorized")
            try expectError(try await api.send(.post, "/apps", as: nil, json: AppCreateRequest(name: "anon")), .unauthorized, id: "unauthorized")
            #expect(try await rack.store.app("anon") == nil)
        }
    }
}
