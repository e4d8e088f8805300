import Hummingbird
import RackCore
import RackStore

/// Finds the app a route names and checks what the signed-in user may do with it.
struct AppLookup: Sendable {
    let store: RackStore

    /// - Throws: 404 when no app has that id or name; 403 when the user has no access, or less than `needed`.
    func find(
        _ request: Request, _ context: RackRequestContext, needs needed: AppAccess = .collaborator, action: String = ""
    ) async throws -> (app: AppRecord, user: UserRecord, access: AppAccess) {
        let user = try context.requireUser()
        let idOrName = try context.parameters.require("app")
        guard idOrName.utf8.count <= 64, let app = try await store.app(idOrName) else { throw RackErrorResponses.appNotFound }
        guard let access = try await store.access(of: user, to: app) else { throw RackErrorResponses.noAccess(to: app.name) }
        guard access >= needed else { throw RackErrorResponses.ownerOnly(app.name, action: action) }
        return (app, user, access)
    }

    /// A reference to a user by id, for nesting in resources; a deleted user shows as unknown.
    func userReference(id: String) async throws -> UserReference {
        let user = try await store.user(id: id)
        return UserReference(id: id, email: user?.email ?? "unknown")
    }
}
