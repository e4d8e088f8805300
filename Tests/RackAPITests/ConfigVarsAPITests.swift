import Foundation
import HummingbirdTesting
import RackCore
import Testing

@Suite("/apps/{app}/config-vars")
struct ConfigVarsAPITests {
    @Test("Setting vars answers the whole config, and GET shows it")
    func setAndGet() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("configured", owner: rack.alice)
        try await rack.run { api in
            let first = try await api.setConfig(["DATABASE_URL": "postgres://db/app", "WEB_CONCURRENCY": "3"], app: "configured", as: rack.alice)
            #expect(first == ["DATABASE_URL": "postgres://db/app", "WEB_CONCURRENCY": "3"])
            // A second PATCH adds to the config and answers all of it.
            let second = try await api.setConfig(["LANG": "en_US.UTF-8"], app: "configured", as: rack.alice)
            #expect(second == ["DATABASE_URL": "postgres://db/app", "WEB_CONCURRENCY": "3", "LANG": "en_US.UTF-8"])
            let response = try await api.get("/apps/configured/config-vars", as: rack.alice)
            #expect(response.status == .ok)
            #expect(try response.decode([String: String].self) == second)
            // The app's id works as well as its name.
            let app = try await api.get("/apps/configured", as: rack.alice).decode(AppResource.self)
            #expect(try await api.get("/apps/\(app.id)/config-vars", as: rack.alice).decode([String: String].self) == second)
        }
    }

    @Test("null removes a var; removing one that is not set changes nothing")
    func nullRemoves() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("trimmed", owner: rack.alice)
        try await rack.run { api in
            try await api.setConfig(["KEEP": "1", "DROP": "2"], app: "trimmed", as: rack.alice)
            let response = try await api.send(.patch, "/apps/trimmed/config-vars", as: rack.alice, body: #"{"DROP": null}"#)
            #expect(response.status == .ok)
            #expect(try response.decode([String: String].self) == ["KEEP": "1"])
            #expect(try await api.get("/apps/trimmed/config-vars", as: rack.alice).decode([String: String].self) == ["KEEP": "1"])
            let releases = try await api.list(ReleaseResource.self, "/apps/trimmed/releases", as: rack.alice)
            #expect(releases.last?.description == "Remove DROP config vars")

            let noop = try await api.send(.patch, "/apps/trimmed/config-vars", as: rack.alice, body: #"{"NEVER_SET": null}"#)
            #expect(noop.status == .ok)
            #expect(try await api.list(ReleaseResource.self, "/apps/trimmed/releases", as: rack.alice).count == releases.count)
        }
    }

    @Test(
        "Values come back exactly as they were sent",
        arguments: [
            "line one\nline two\n", "windows\r\nline", "tab\there", #"double " and single ' quotes"#, #"back\slash \n literal"#,
            "unicode: héllo wörld — 日本語 🚀", "", "  leading and trailing spaces  ", "$HOME ${PATH} `cmd` $(cmd)",
            "key=value=more", "#not a comment", "nul\u{0}byte", "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----",
        ] as [TextCase])
    func valuesRoundTrip(_ value: TextCase) async throws {
        let value = value.text
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("exact", owner: rack.alice)
        try await rack.run { api in
            let answered = try await api.setConfig(["VALUE": value], app: "exact", as: rack.alice)
            #expect(answered["VALUE"] == value)
            let fetched = try await api.get("/apps/exact/config-vars", as: rack.alice).decode([String: String].self)
            #expect(fetched["VALUE"] == value)
            #expect(fetched["VALUE"]?.utf8.count == value.utf8.count)
            let snapshot = try await api.get("/apps/exact/releases/2/config-vars", as: rack.alice).decode([String: String].self)
            #expect(snapshot["VALUE"] == value)
        }
    }

    @Test(
        "A bad name is refused with 422, and nothing in the same request is applied",
        arguments: ["1ABC", "A-B", "A B", "", "A.B", "ÉTÉ", "A=B", "$X", TextCase(String(repeating: "A", count: 257))] as [TextCase])
    func badName(_ name: TextCase) async throws {
        let name = name.text
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("strict", owner: rack.alice)
        try await rack.run { api in
            try await api.setConfig(["EXISTING": "1"], app: "strict", as: rack.alice)
            let response = try await api.send(.patch, "/apps/strict/config-vars", as: rack.alice, json: ["GOOD": "x", name: "y", "EXISTING": nil])
            try expectError(response, .unprocessableContent, id: "invalid_params", mentioning: ["name", "letters"])
            #expect(try await api.get("/apps/strict/config-vars", as: rack.alice).decode([String: String].self) == ["EXISTING": "1"])
            #expect(try await api.list(ReleaseResource.self, "/apps/strict/releases", as: rack.alice).count == 2)
        }
    }

    @Test(
        "Names with lowercase letters, digits and underscores are fine",
        arguments: ["_", "lower", "A1_B2", "_PRIVATE", TextCase(String(repeating: "A", count: 256))] as [TextCase])
    func goodName(_ name: TextCase) async throws {
        let name = name.text
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("lenient", owner: rack.alice)
        try await rack.run { api in
            let config = try await api.setConfig([name: "v"], app: "lenient", as: rack.alice)
            #expect(config == [name: "v"])
        }
    }

    @Test(
        "A value that is not a string or null is refused with 422",
        arguments: [#"{"PORT": 5000}"#, #"{"DEBUG": true}"#, #"{"LIST": ["a"]}"#, #"{"NESTED": {"a": "b"}}"#, #"{"OK": "1", "PORT": 1.5}"#])
    func nonStringValue(_ body: String) async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("typed", owner: rack.alice)
        try await rack.run { api in
            let response = try await api.send(.patch, "/apps/typed/config-vars", as: rack.alice, body: body)
            try expectError(response, .unprocessableContent, id: "invalid_params", mentioning: ["type"])
            #expect(try await api.get("/apps/typed/config-vars", as: rack.alice).decode([String: String].self).isEmpty)
            #expect(try await api.list(ReleaseResource.self, "/apps/typed/releases", as: rack.alice).count == 1)
        }
    }

    @Test("An empty object is refused with 422; a body that is not JSON with 400")
    func emptyAndMalformed() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("empty", owner: rack.alice)
        try await rack.run { api in
            try expectError(
                try await api.send(.patch, "/apps/empty/config-vars", as: rack.alice, body: "{}"), .unprocessableContent,
                id: "invalid_params", mentioning: ["at least one"])
            try expectError(try await api.send(.patch, "/apps/empty/config-vars", as: rack.alice, body: "FOO=bar"), .badRequest, id: "bad_request")
            try expectError(try await api.send(.patch, "/apps/empty/config-vars", as: rack.alice, body: ""), .badRequest, id: "bad_request")
            #expect(try await api.list(ReleaseResource.self, "/apps/empty/releases", as: rack.alice).count == 1)
        }
    }

    @Test("A body that is JSON but not an object is refused with a message that asks for an object", arguments: [#"["A"]"#, #""A=1""#, "42", "null"])
    func notAnObject(_ body: String) async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("shaped", owner: rack.alice)
        try await rack.run { api in
            let response = try await api.send(.patch, "/apps/shaped/config-vars", as: rack.alice, body: body)
            #expect(response.status == .badRequest || response.status == .unprocessableContent, "\(response.text)")
            let error = try response.error()
            #expect(error.message.contains("object"), "\(error.message)")
            #expect(!error.message.contains(#"field """#), "\(error.message)")
        }
    }

    @Test("A value of 32 KiB is kept; one over is refused with 422; a body over 1 MiB with 413")
    func tooLarge() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("large", owner: rack.alice)
        try await rack.run { api in
            let largest = String(repeating: "é", count: 16 * 1024)
            #expect(try await api.setConfig(["LARGEST": largest], app: "large", as: rack.alice)["LARGEST"] == largest)
            try await api.setConfig(["LARGEST": nil], app: "large", as: rack.alice)
            let over = String(repeating: "x", count: 32 * 1024 + 1)
            try expectError(
                try await api.send(.patch, "/apps/large/config-vars", as: rack.alice, json: ["BIG": over]), .unprocessableContent,
                id: "invalid_params", mentioning: ["BIG"])
            let huge = String(repeating: "x", count: 1024 * 1024 + 16)
            try expectError(
                try await api.send(.patch, "/apps/large/config-vars", as: rack.alice, json: ["HUGE": huge]), .contentTooLarge,
                id: "payload_too_large")
            #expect(try await api.get("/apps/large/config-vars", as: rack.alice).decode([String: String].self).isEmpty)
        }
    }

    @Test("Each change makes one release whose snapshot is the config of that moment")
    func changesMakeReleases() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("history", owner: rack.alice)
        try await rack.run { api in
            let steps: [(changes: [String: String?], config: [String: String], description: String)] = [
                (["A": "1"], ["A": "1"], "Set A config vars"),
                (["B": "2", "C": "3"], ["A": "1", "B": "2", "C": "3"], "Set B, C config vars"),
                (["A": "one"], ["A": "one", "B": "2", "C": "3"], "Set A config vars"),
                (["B": nil], ["A": "one", "C": "3"], "Remove B config vars"),
                (["D": "4", "C": nil], ["A": "one", "D": "4"], "Set D and remove C config vars"),
            ]
            for (index, step) in steps.enumerated() {
                #expect(try await api.setConfig(step.changes, app: "history", as: rack.alice) == step.config)
                let releases = try await api.list(ReleaseResource.self, "/apps/history/releases", as: rack.alice)
                #expect(releases.count == index + 2, "one release for change \(index + 1)")
                #expect(releases.last?.version == index + 2)
                #expect(releases.last?.description == step.description)
            }
            // Every snapshot still shows its own moment, after all later changes.
            #expect(try await api.get("/apps/history/releases/1/config-vars", as: rack.alice).decode([String: String].self).isEmpty)
            for (index, step) in steps.enumerated() {
                let response = try await api.get("/apps/history/releases/\(index + 2)/config-vars", as: rack.alice)
                #expect(response.status == .ok)
                #expect(try response.decode([String: String].self) == step.config, "v\(index + 2)")
            }
        }
    }

    @Test("A PATCH that changes nothing makes no release")
    func noopMakesNoRelease() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("steady", owner: rack.alice)
        try await rack.run { api in
            try await api.setConfig(["A": "1", "B": "2"], app: "steady", as: rack.alice)
            #expect(try await api.setConfig(["A": "1"], app: "steady", as: rack.alice) == ["A": "1", "B": "2"])
            #expect(try await api.setConfig(["A": "1", "B": "2", "GONE": nil], app: "steady", as: rack.alice) == ["A": "1", "B": "2"])
            let releases = try await api.list(ReleaseResource.self, "/apps/steady/releases", as: rack.alice)
            #expect(releases.map(\.version) == [1, 2])
            // Only the changed var makes the next release, and only it is named.
            try await api.setConfig(["A": "1", "B": "two"], app: "steady", as: rack.alice)
            let after = try await api.list(ReleaseResource.self, "/apps/steady/releases", as: rack.alice)
            #expect(after.map(\.version) == [1, 2, 3])
            #expect(after.last?.description == "Set B config vars")
        }
    }

    @Test("A change names the release it made in Rack-Release-Version; a no-op names none")
    func changeNamesItsRelease() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("named", owner: rack.alice)
        try await rack.run { api in
            let changed = try await api.send(.patch, "/apps/named/config-vars", as: rack.alice, json: ["A": "1"])
            #expect(changed.status == .ok)
            #expect(changed.header("Rack-Release-Version") == "2")
            let unchanged = try await api.send(.patch, "/apps/named/config-vars", as: rack.alice, json: ["A": "1"])
            #expect(unchanged.status == .ok)
            #expect(unchanged.header("Rack-Release-Version") == nil)
            let removed = try await api.send(.patch, "/apps/named/config-vars", as: rack.alice, json: ["A": String?.none])
            #expect(removed.header("Rack-Release-Version") == "3")
        }
    }

    @Test("A collaborator may read and set config; their release is theirs")
    func collaboratorSetsConfig() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("teamwork", owner: rack.alice, sharedWith: [rack.bob])
        try await rack.run { api in
            #expect(try await api.setConfig(["FROM_BOB": "hi"], app: "teamwork", as: rack.bob) == ["FROM_BOB": "hi"])
            #expect(try await api.get("/apps/teamwork/config-vars", as: rack.alice).decode([String: String].self) == ["FROM_BOB": "hi"])
            let latest = try await api.get("/apps/teamwork/releases/2", as: rack.alice).decode(ReleaseResource.self)
            #expect(latest.user.email == "bob@example.com")
        }
    }

    @Test("A stranger may neither read nor set config")
    func strangerRefused() async throws {
        let rack = try await APITestRack.make()
        let app = try await rack.makeApp("guarded", owner: rack.alice)
        _ = try await rack.store.updateConfigVars(appID: app.id, changes: ["SECRET": "hidden-value"], userID: rack.alice.user.id)
        try await rack.run { api in
            let read = try await api.get("/apps/guarded/config-vars", as: rack.carol)
            try expectError(read, .forbidden, id: "forbidden", mentioning: ["guarded"])
            #expect(!read.text.contains("hidden-value"))
            let snapshot = try await api.get("/apps/guarded/releases/2/config-vars", as: rack.carol)
            try expectError(snapshot, .forbidden, id: "forbidden")
            #expect(!snapshot.text.contains("hidden-value"))
            try expectError(
                try await api.send(.patch, "/apps/guarded/config-vars", as: rack.carol, json: ["SECRET": "mine"]), .forbidden,
                id: "forbidden")
            #expect(try await rack.store.configVars(appID: app.id) == ["SECRET": "hidden-value"])
            try expectError(try await api.get("/apps/guarded/config-vars", as: nil), .unauthorized, id: "unauthorized")
        }
    }

    @Test("Config of an unknown app is 404")
    func unknownApp() async throws {
        let rack = try await APITestRack.make()
        try await rack.run { api in
            try expectError(try await api.get("/apps/nowhere/config-vars", as: rack.alice), .notFound, id: "not_found")
            try expectError(
                try await api.send(.patch, "/apps/nowhere/config-vars", as: rack.alice, json: ["A": "1"]), .notFound, id: "not_found")
        }
    }
}
