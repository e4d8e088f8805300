import Hummingbird
import RackCore
import RackStore

/// `GET /apps/{app}/builds`, `GET /apps/{app}/builds/{id}` and Rack's `…/builds/{id}/output`.
struct BuildsController {
    let store: RackStore
    var lookup: AppLookup { AppLookup(store: store) }

    func addRoutes(to group: RouterGroup<RackRequestContext>) {
        group.get("apps/:app/builds") { request, context in
            let (app, _, _) = try await lookup.find(request, context)
            let builds = try await store.builds(appID: app.id)
            let versions = Dictionary(uniqueKeysWithValues: try await store.releases(appID: app.id).map { ($0.id, $0.version) })
            var users: [String: UserReference] = [:]
            for build in builds where users[build.userID] == nil {
                users[build.userID] = try await lookup.userReference(id: build.userID)
            }
            return try JSONResponse.page(
                builds, request: request, fields: [("id", \.id), ("created_at", { RangeKey.time($0.createdAt, id: $0.id) })]
            ) { BuildResource($0, user: users[$0.userID]!, releaseVersion: $0.releaseID.flatMap { versions[$0] }) }
        }
        group.get("apps/:app/builds/:build") { request, context in
            let build = try await find(request, context)
            var releaseVersion: Int?
            if let releaseID = build.releaseID {
                releaseVersion = try await store.release(appID: build.appID, idOrVersion: releaseID)?.version
            }
            return JSONResponse.make(
                BuildResource(build, user: try await lookup.userReference(id: build.userID), releaseVersion: releaseVersion))
        }
        group.get("apps/:app/builds/:build/output") { request, context in
            let build = try await find(request, context)
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: build.output)))
        }
    }

    private func find(_ request: Request, _ context: RackRequestContext) async throws -> BuildRecord {
        let (app, _, _) = try await lookup.find(request, context)
        let id = try context.parameters.require("build")
        guard let build = try await store.build(appID: app.id, id: id) else {
            throw RackError(.notFound, "Couldn't find build \(id.prefix(60)) of \(app.name): list them with `rack builds`.")
        }
        return build
    }
}
