import Hummingbird
import RackCore
import RackStore

/// `/internal/…`: for Rack's own programs (the SSH gate, the builder), behind the internal secret.
struct InternalController {
    let store: RackStore

    /// - Parameters:
    ///   - own: routes for Rack's own programs only.
    ///   - gate: routes the SSH gate may use too.
    func addRoutes(own: RouterGroup<RackRequestContext>, gate: RouterGroup<RackRequestContext>) {
        own.get("health") { _, _ in
            JSONResponse.make(["status": "ok"])
        }
        // The SSH gate's one indexed lookup: fingerprint → key and user.
        gate.get("ssh-keys") { request, _ in
            guard let fingerprint = request.uri.queryParameters.get("fingerprint"), fingerprint.hasPrefix("SHA256:"),
                fingerprint.utf8.count <= 100
            else { throw RackError(.badRequest, "Ask with ?fingerprint=SHA256:…") }
            guard let (key, user) = try await store.keyOwner(fingerprint: fingerprint) else {
                throw RackError(.notFound, "No such key.")
            }
            return JSONResponse.make(
                InternalKeyResource(keyID: key.id, fingerprint: key.fingerprint, user: .init(id: user.id, email: user.email)))
        }
        // Who a key (by id) belongs to, for the forced command's greeting.
        gate.get("ssh-keys/:key") { _, context in
            let keyID = try context.parameters.require("key")
            guard let (key, user) = try await store.keyOwner(keyID: keyID) else { throw RackError(.notFound, "No such key.") }
            return JSONResponse.make(
                InternalKeyResource(keyID: key.id, fingerprint: key.fingerprint, user: .init(id: user.id, email: user.email)))
        }
        // The pre-receive hook's question: which refs of this push build, pass or are refused? Opens the build.
        gate.post("apps/:app/pushes") { request, context in
            let appID = try context.parameters.require("app")
            let body = try await RequestBody.decode(InternalPushRequest.self, from: request)
            return JSONResponse.make(try await plan(appID: appID, push: body))
        }
        // The forced command's question: may this key read or write this app?
        gate.post("access") { request, _ in
            let body = try await RequestBody.decode(InternalAccessRequest.self, from: request)
            guard let (_, user) = try await store.keyOwner(keyID: body.keyID) else {
                throw RackError(.unauthorized, "That key is no longer registered.")
            }
            let name = try AppName(validating: body.app)
            guard let app = try await store.app(name.rawValue), app.name == name.rawValue else {
                throw RackError(.notFound, "No such app as \(name).")
            }
            guard try await store.access(of: user, to: app) != nil else {
                throw RackError(.forbidden, "You don't have access to \(name).")
            }
            return JSONResponse.make(
                InternalAccessResource(
                    app: NamedReference(id: app.id, name: app.name), user: UserReference(id: user.id, email: user.email),
                    access: body.access))
        }
    }

    /// Decides every ref of a push by the app's deploy branch, and opens a build for the one that deploys. Until
    /// the app's first release both `master` and `main` deploy; in one push only the first of them builds.
    func plan(appID: String, push: InternalPushRequest) async throws -> InternalPushPlan {
        guard push.updates.count <= 1000 else { throw RackError(.payloadTooLarge, "A push may update at most 1000 refs.") }
        guard let app = try await store.app(appID), app.id == appID else { throw RackError(.notFound, "Couldn't find that app.") }
        var steps: [InternalPushPlan.Step] = []
        var deploy: (branch: String, update: InternalPushRequest.Update)?
        for update in push.updates {
            guard Self.isObjectID(update.old), Self.isObjectID(update.new), update.ref.hasPrefix("refs/"), update.ref.utf8.count <= 1024 else {
                throw RackError(.invalidParams, "A ref update must be OLD NEW REF with 40-digit object ids.")
            }
            switch DeployDecision.decide(old: update.old, new: update.new, ref: update.ref, deployBranch: deploy?.branch ?? app.deployBranch) {
            case .build(let branch, _) where deploy == nil:
                deploy = (branch, update)
                steps.append(.init(ref: update.ref, action: .build, message: nil))
            case .build(let branch, _):
                steps.append(.init(ref: update.ref, action: .pass, message: "Pushed branch \(branch): this push deploys \(deploy!.branch), so nothing else was built."))
            case .pass(let note):
                steps.append(.init(ref: update.ref, action: .pass, message: note))
            case .refuse(let message):
                steps.append(.init(ref: update.ref, action: .refuse, message: message))
            }
        }
        guard let deploy, !steps.contains(where: { $0.action == .refuse }) else { return InternalPushPlan(steps: steps, build: nil) }
        let opened = try await store.openBuild(
            appID: app.id, userID: push.userID, branch: deploy.branch, commit: deploy.update.new,
            description: deploy.update.subject ?? "")
        return InternalPushPlan(
            steps: steps,
            build: .init(id: opened.build.id, token: opened.token.secret, commit: deploy.update.new, stack: opened.build.stack))
    }

    private static func isObjectID(_ text: String) -> Bool {
        text.utf8.count == 40 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
