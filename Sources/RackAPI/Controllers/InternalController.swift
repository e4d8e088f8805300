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
}
