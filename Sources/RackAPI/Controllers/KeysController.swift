import Hummingbird
import RackCore
import RackStore

/// `GET/POST /account/keys`, `GET/DELETE /account/keys/{id or fingerprint}`.
struct KeysController {
    let store: RackStore

    func addRoutes(to group: RouterGroup<RackRequestContext>) {
        group.get("account/keys") { request, context in
            let user = try context.requireUser()
            let keys = try await store.keys(userID: user.id)
            return try JSONResponse.page(keys, request: request, fields: [("id", \.id), ("fingerprint", \.fingerprint)]) {
                KeyResource($0, email: user.email)
            }
        }
        group.post("account/keys") { request, context in
            let user = try context.requireUser()
            let body = try await RequestBody.decode(KeyCreateRequest.self, from: request)
            let key = try PublicKey(parsing: body.publicKey)
            let record = try await store.addKey(key, userID: user.id)
            return JSONResponse.make(KeyResource(record, email: user.email), status: .created)
        }
        group.get("account/keys/:key") { _, context in
            let (key, user) = try await find(context)
            return JSONResponse.make(KeyResource(key, email: user.email))
        }
        group.delete("account/keys/:key") { _, context in
            let (key, user) = try await find(context)
            try await store.deleteKey(id: key.id, userID: user.id)
            return JSONResponse.make(KeyResource(key, email: user.email))
        }
    }

    private func find(_ context: RackRequestContext) async throws -> (KeyRecord, UserRecord) {
        let user = try context.requireUser()
        let idOrFingerprint = try context.parameters.require("key").removingPercentEncoding ?? ""
        guard let key = try await store.key(idOrFingerprint, userID: user.id) else {
            throw RackError(.notFound, "Couldn't find that key: list yours with `rack keys`.")
        }
        return (key, user)
    }
}
