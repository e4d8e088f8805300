import Hummingbird
import RackCore
import RackStore

/// `GET/POST /apps`, `GET/PATCH/DELETE /apps/{id or name}`.
struct AppsController {
    let store: RackStore
    let settings: APISettings
    var lookup: AppLookup { AppLookup(store: store) }

    func addRoutes(to group: RouterGroup<RackRequestContext>) {
        group.get("apps") { request, context in
            let user = try context.requireUser()
            let apps = try await store.apps(visibleTo: user)
            var owners: [String: UserRecord] = [:]
            var resources: [String: AppResource] = [:]
            for app in apps {
                if owners[app.ownerID] == nil { owners[app.ownerID] = try await owner(of: app) }
                resources[app.id] = AppResource(app, owner: owners[app.ownerID]!, settings: settings, slugSize: nil)
            }
            return try JSONResponse.page(
                apps, request: request, fields: [("id", \.id), ("name", \.name), ("updated_at", { RangeKey.time($0.updatedAt, id: $0.id) })]
            ) { resources[$0.id]! }
        }
        group.post("apps") { request, context in
            let user = try context.requireUser()
            let body = try await RequestBody.decode(AppCreateRequest.self, from: request, whenEmpty: AppCreateRequest())
            if let stack = body.stack, stack != RackStore.defaultStack {
                throw RackError(.invalidParams, "Stack \(stack.prefix(40)) is not available: this rack builds on \(RackStore.defaultStack).")
            }
            let name = try body.name.map { text throws(RackError) in try AppName(validating: text) }
            let app = try await store.createApp(name: name, ownerID: user.id)
            do {
                try settings.repositories?.create(appID: app.id)
            } catch {
                // No app without its repository: undo the record, and say what failed.
                try? await store.deleteApp(id: app.id)
                throw error
            }
            return JSONResponse.make(try await resource(app), status: .created)
        }
        group.get("apps/:app") { request, context in
            let (app, _, _) = try await lookup.find(request, context)
            return JSONResponse.make(try await resource(app))
        }
        group.patch("apps/:app") { request, context in
            let body = try await RequestBody.decode(AppUpdateRequest.self, from: request)
            let needed: AppAccess = body.name == nil ? .collaborator : .owner
            let (app, _, _) = try await lookup.find(request, context, needs: needed, action: "rename it")
            let name = try body.name.map { text throws(RackError) in try AppName(validating: text) }
            let updated = try await store.updateApp(
                id: app.id, name: name, maintenance: body.maintenance, deployBranch: body.deployBranch)
            return JSONResponse.make(try await resource(updated))
        }
        group.delete("apps/:app") { request, context in
            let (app, _, _) = try await lookup.find(request, context, needs: .owner, action: "destroy it")
            let shown = try await resource(app)
            try await store.deleteApp(id: app.id)
            try settings.repositories?.destroy(appID: app.id)
            return JSONResponse.make(shown)
        }
    }

    private func resource(_ app: AppRecord) async throws -> AppResource {
        AppResource(app, owner: try await owner(of: app), settings: settings, slugSize: nil)
    }

    private func owner(of app: AppRecord) async throws -> UserRecord {
        guard let owner = try await store.user(id: app.ownerID) else {
            throw RackError(.internalError, "App \(app.name) has no owner.")
        }
        return owner
    }
}
