import Foundation
import Hummingbird
import RackCore
import RackStore

/// `GET/POST /apps/{app}/collaborators`, `GET/DELETE /apps/{app}/collaborators/{email or id}`.
struct CollaboratorsController {
    let store: RackStore
    var lookup: AppLookup { AppLookup(store: store) }

    func addRoutes(to group: RouterGroup<RackRequestContext>) {
        group.get("apps/:app/collaborators") { request, context in
            let (app, _, _) = try await lookup.find(request, context)
            let entries = try await store.collaborators(appID: app.id)
            return try JSONResponse.page(entries, request: request, fields: [("id", \.record.id), ("email", \.user.email)]) {
                CollaboratorResource($0.record, user: $0.user, role: $0.role, app: app)
            }
        }
        group.post("apps/:app/collaborators") { request, context in
            let (app, _, _) = try await lookup.find(request, context, needs: .owner, action: "share it")
            let body = try await RequestBody.decode(CollaboratorCreateRequest.self, from: request)
            let (record, user) = try await store.addCollaborator(appID: app.id, email: body.user)
            return JSONResponse.make(
                CollaboratorResource(record, user: user, role: "collaborator", app: app), status: .created)
        }
        group.get("apps/:app/collaborators/:collaborator") { request, context in
            let (app, _, _) = try await lookup.find(request, context)
            let entry = try await find(app: app, context: context)
            return JSONResponse.make(CollaboratorResource(entry.record, user: entry.user, role: entry.role, app: app))
        }
        group.delete("apps/:app/collaborators/:collaborator") { request, context in
            let (app, user, access) = try await lookup.find(request, context)
            let entry = try await find(app: app, context: context)
            guard entry.role == "collaborator" else {
                throw RackError(.invalidParams, "\(entry.user.email) owns \(app.name): an owner cannot be removed.")
            }
            // Collaborators may leave; only the owner removes others.
            guard access.canAdminister || entry.user.id == user.id else {
                throw RackErrorResponses.ownerOnly(app.name, action: "remove collaborators")
            }
            _ = try await store.removeCollaborator(appID: app.id, userID: entry.user.id)
            return JSONResponse.make(CollaboratorResource(entry.record, user: entry.user, role: entry.role, app: app))
        }
    }

    private func find(
        app: AppRecord, context: RackRequestContext
    ) async throws -> (record: CollaboratorRecord, user: UserRecord, role: String) {
        let wanted = (try context.parameters.require("collaborator").removingPercentEncoding ?? "").lowercased()
        let entries = try await store.collaborators(appID: app.id)
        guard let entry = entries.first(where: { $0.user.email.lowercased() == wanted || $0.record.id == wanted }) else {
            throw RackError(.notFound, "\(wanted.prefix(100)) is not a collaborator on \(app.name).")
        }
        return entry
    }
}
