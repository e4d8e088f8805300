import Foundation
import HTTPTypes
import HummingbirdTesting
import RackCore
import RackStore
import Testing

/// A build's life through the internal API: the gate plans a push (which opens the build), the build runner
/// records its slug, and the build's own token releases it or fails it, and can do nothing else.
@Suite("/internal builds")
struct BuildLifecycleAPITests {
    static let gate: HTTPFields = [.authorization: "Internal \(APITestRack.gateSecret)"]
    static let zero = String(repeating: "0", count: 40)
    static let commit = String(repeating: "a", count: 40)

    static func plan(_ api: APITestClient, app: AppRecord, user: APITestRack.Member, _ updates: [(String, String, String)]) async throws -> TestResponse {
        let request = InternalPushRequest(
            userID: user.user.id, updates: updates.map { .init(old: $0.0, new: $0.1, ref: $0.2, subject: "Add things") })
        let body = String(decoding: try ResourceCoding.makeEncoder().encode(request), as: UTF8.self)
        return try await api.send(.post, "/internal/apps/\(app.id)/pushes", as: nil, body: body, headers: gate)
    }

    static func asBuild(_ token: String) -> HTTPFields { [.authorization: "Build \(token)"] }

    static func end(_ api: APITestClient, _ build: String, _ action: String, token: String, status: String? = nil, output: String) async throws -> TestResponse {
        let body = String(decoding: try ResourceCoding.makeEncoder().encode(InternalBuildEnd(status: status, output: output)), as: UTF8.self)
        return try await api.send(.post, "/internal/builds/\(build)/\(action)", as: nil, body: body, headers: asBuild(token))
    }

    @Test("A push to master opens a build; other branches and tags pass with a note; deleting master is refused")
    func plans() async throws {
        let rack = try await APITestRack.make()
        let app = try await rack.makeApp("planned", owner: rack.alice)
        try await rack.run { api in
            let response = try await Self.plan(
                api, app: app, user: rack.alice,
                [(Self.zero, Self.commit, "refs/heads/master"), (Self.zero, Self.commit, "refs/heads/feature"), (Self.zero, Self.commit, "refs/tags/v1")])
            #expect(response.status == .ok, "\(response.text)")
            let plan = try response.decode(InternalPushPlan.self)
            #expect(plan.steps.map(\.action) == [.build, .pass, .pass])
            #expect(plan.steps[1].message == "Pushed branch feature: only master deploys, so nothing was built.")
            #expect(plan.steps[2].message?.hasPrefix("Pushed tag v1") == true)
            let build = try #require(plan.build)
            #expect(build.commit == Self.commit)
            #expect(BuildToken(parsing: build.token) != nil)
            let builds = try await api.list(BuildResource.self, "/apps/planned/builds", as: rack.alice)
            #expect(builds.map(\.status) == ["pending"])
            #expect(builds.first?.sourceBlob.versionDescription == "Add things")

            let delete = try await Self.plan(api, app: app, user: rack.alice, [(Self.commit, Self.zero, "refs/heads/master")])
            let refused = try delete.decode(InternalPushPlan.self)
            #expect(refused.steps.map(\.action) == [.refuse])
            #expect(refused.build == nil)
            // Until the first release, master and main both deploy; in one push only the first builds.
            let both = try await Self.plan(
                api, app: app, user: rack.alice, [(Self.zero, Self.commit, "refs/heads/main"), (Self.zero, Self.commit, "refs/heads/master")])
            #expect(try both.decode(InternalPushPlan.self).steps.map(\.action) == [.build, .pass])
        }
    }

    @Test("Planning needs the gate's secret and sane ref updates")
    func planningIsGuarded() async throws {
        let rack = try await APITestRack.make()
        let app = try await rack.makeApp("guarded", owner: rack.alice)
        try await rack.run { api in
            let body = "{\"user_id\": \"\(rack.alice.user.id)\", \"updates\": []}"
            try expectError(
                try await api.send(.post, "/internal/apps/\(app.id)/pushes", as: rack.alice, body: body), .unauthorized, id: "unauthorized")
            try expectError(
                try await Self.plan(api, app: app, user: rack.alice, [("HEAD", Self.commit, "refs/heads/master")]), .unprocessableContent,
                id: "invalid_params", mentioning: ["OLD NEW REF"])
        }
    }

    @Test("The build's token releases its build once, with the recorded slug, and then opens nothing")
    func release() async throws {
        let rack = try await APITestRack.make()
        let app = try await rack.makeApp("released", owner: rack.alice)
        _ = try await rack.store.updateConfigVars(appID: app.id, changes: ["GREETING": "mine"], userID: rack.alice.user.id)
        try await rack.run { api in
            let opened = try #require(try await Self.plan(api, app: app, user: rack.alice, [(Self.zero, Self.commit, "refs/heads/main")]).decode(InternalPushPlan.self).build)
            let other = try #require(try await Self.plan(api, app: app, user: rack.alice, [(Self.zero, Self.commit, "refs/heads/main")]).decode(InternalPushPlan.self).build)

            // No slug recorded yet: nothing to release.
            try expectError(try await Self.end(api, opened.id, "release", token: opened.token, output: ""), .conflict, id: "conflict")
            let token = try #require(BuildToken(parsing: opened.token))
            try await rack.store.recordSlug(
                buildID: opened.id, token: token, buildpacks: [BuildResource.Buildpack(url: "/bp/python", name: "Python")],
                slug: ("\(app.id)/slug.tgz", 1234, String(repeating: "b", count: 64)), processTypes: ["web": "python app.py"],
                releaseConfig: ["GREETING": "buildpack", "FROM_BUILDPACK": "yes"])

            // Another build's token, the internal secret and a user's token open nothing here.
            try expectError(try await Self.end(api, opened.id, "release", token: other.token, output: ""), .unauthorized, id: "unauthorized")
            try expectError(
                try await api.send(.post, "/internal/builds/\(opened.id)/release", as: nil, body: "{\"output\": \"\"}",
                    headers: [.authorization: "Internal \(APITestRack.internalSecret)"]),
                .unauthorized, id: "unauthorized")
            try expectError(
                try await api.send(.post, "/internal/builds/\(opened.id)/release", as: rack.alice, body: "{\"output\": \"\"}"),
                .unauthorized, id: "unauthorized")

            let released = try await Self.end(api, opened.id, "release", token: opened.token, output: "-----> Compressing...\n")
            #expect(released.status == .created, "\(released.text)")
            // v1 the app's, v2 the config change, v3 this build.
            #expect(try released.decode(InternalReleaseResource.self).version == 3)
            // Once released, the token is spent.
            try expectError(try await Self.end(api, opened.id, "release", token: opened.token, output: ""), .unauthorized, id: "unauthorized")
            try expectError(try await Self.end(api, opened.id, "fail", token: opened.token, status: "failed", output: ""), .unauthorized, id: "unauthorized")

            let build = try await api.get("/apps/released/builds/\(opened.id)", as: rack.alice).decode(BuildResource.self)
            #expect(build.status == "succeeded")
            #expect(build.releaseVersion == 3)
            #expect(build.slugSize == 1234)
            #expect(build.buildpacks == [BuildResource.Buildpack(url: "/bp/python", name: "Python")])
            #expect(try await api.get("/apps/released/builds/\(opened.id)/output", as: rack.alice).text == "-----> Compressing...\n")
            let release = try await api.get("/apps/released/releases/3", as: rack.alice).decode(ReleaseResource.self)
            #expect(release.slug?.id == "\(app.id)/slug.tgz")
            #expect(release.commit == Self.commit)
            #expect(release.processTypes == ["web": "python app.py"])
            // The buildpack's config vars fill in what the user has not set, never override it.
            let config = try await api.get("/apps/released/config-vars", as: rack.alice).decode([String: String].self)
            #expect(config == ["GREETING": "mine", "FROM_BUILDPACK": "yes"])
            // The first release fixes the deploy branch: main, the branch pushed.
            #expect(try await api.get("/apps/released", as: rack.alice).decode(AppResource.self).deployBranch == "main")
        }
    }

    @Test("A failed build keeps its output and makes no release")
    func failure() async throws {
        let rack = try await APITestRack.make()
        let app = try await rack.makeApp("broken", owner: rack.alice)
        try await rack.run { api in
            let opened = try #require(try await Self.plan(api, app: app, user: rack.alice, [(Self.zero, Self.commit, "refs/heads/master")]).decode(InternalPushPlan.self).build)
            try expectError(
                try await Self.end(api, opened.id, "fail", token: opened.token, status: "succeeded", output: ""), .unprocessableContent,
                id: "invalid_params")
            let failed = try await Self.end(api, opened.id, "fail", token: opened.token, status: "failed", output: " !     Push rejected\n")
            #expect(failed.status == .ok, "\(failed.text)")
            let build = try await api.get("/apps/broken/builds/\(opened.id)", as: rack.alice).decode(BuildResource.self)
            #expect(build.status == "failed")
            #expect(build.release == nil)
            #expect(build.finishedAt != nil)
            #expect(try await api.get("/apps/broken/builds/\(opened.id)/output", as: rack.alice).text == " !     Push rejected\n")
            #expect(try await api.list(ReleaseResource.self, "/apps/broken/releases", as: rack.alice).count == 1)
            #expect(try await api.get("/apps/broken", as: rack.alice).decode(AppResource.self).deployBranch == nil)
        }
    }
}
