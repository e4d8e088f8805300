import Hummingbird
import RackCore
import RackStore

/// `GET /apps/{app}/releases`, `GET /apps/{app}/releases/{id or version}` and its `config-vars` snapshot.
struct ReleasesController {
    let store: RackStore
    var lookup: AppLookup { AppLookup(store: store) }

    func addRoutes(to group: RouterGroup<RackRequestContext>) {
        group.get("apps/:app/releases") { request, context in
            let (app, _, _) = try await lookup.find(request, context)
            let releases = try await store.releases(appID: app.id)
            let current = releases.last?.id
            var users: [String: UserReference] = [:]
            for release in releases where users[release.userID] == nil {
                users[release.userID] = try await lookup.userReference(id: release.userID)
            }
            return try JSONResponse.page(
                releases, request: request, fields: [("version", { String($0.version) }), ("id", \.id)]
            ) { ReleaseResource($0, app: app, user: users[$0.userID]!, isCurrent: $0.id == current) }
        }
        group.get("apps/:app/releases/:release") { request, context in
            let (app, release, isCurrent) = try await find(request, context)
            let user = try await lookup.userReference(id: release.userID)
            return JSONResponse.make(ReleaseResource(release, app: app, user: user, isCurrent: isCurrent))
        }
        group.get("apps/:app/releases/:release/config-vars") { request, context in
            let (_, release, _) = try await find(request, context)
            return JSONResponse.make(try store.configSnapshot(of: release))
        }
    }

    private func find(_ request: Request, _ context: RackRequestContext) async throws -> (AppRecord, ReleaseRecord, Bool) {
        let (app, _, _) = try await lookup.find(request, context)
        let wanted = try context.parameters.require("release")
        guard let release = try await store.release(appID: app.id, idOrVersion: wanted) else {
            throw RackError(.notFound, "Couldn't find release \(wanted.prefix(60)) of \(app.name): list them with `rack releases`.")
        }
        let latest = try await store.latestRelease(appID: app.id)
        return (app, release, latest?.id == release.id)
    }
}
