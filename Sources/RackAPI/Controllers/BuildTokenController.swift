import Hummingbird
import RackCore
import RackStore

/// `/internal/builds/{id}/…`: what a build's own programs may do with the token of that build, and nothing
/// more: end it as failed or cancelled, or release it. The internal secret is not needed, nor accepted.
struct BuildTokenController {
    let store: RackStore
    /// Build output kept, in bytes; the hook sends at most this much.
    static let largestOutput = 8 * 1024 * 1024

    func addRoutes(to group: RouterGroup<RackRequestContext>) {
        group.post(":id/release") { request, context in
            let id = try context.parameters.require("id")
            let token = try Self.token(of: request)
            let body = try await RequestBody.decode(InternalBuildEnd.self, from: request, largest: Self.largestOutput + 64 * 1024)
            let release = try await store.releaseBuild(id: id, token: token, output: body.output)
            return JSONResponse.make(InternalReleaseResource(id: release.id, version: release.version), status: .created)
        }
        group.post(":id/fail") { request, context in
            let id = try context.parameters.require("id")
            let token = try Self.token(of: request)
            let body = try await RequestBody.decode(InternalBuildEnd.self, from: request, largest: Self.largestOutput + 64 * 1024)
            guard let status = body.status.flatMap(BuildRecord.Status.init(rawValue:)) else {
                throw RackError(.invalidParams, "Say how the build ended: status failed or cancelled.")
            }
            try await store.failBuild(id: id, token: token, status: status, output: body.output)
            return JSONResponse.make(["status": status.rawValue])
        }
    }

    /// The token of `Authorization: Build TOKEN`.
    static func token(of request: Request) throws -> BuildToken {
        guard let header = request.headers[.authorization], header.hasPrefix("Build "),
            let token = BuildToken(parsing: String(header.dropFirst("Build ".count)))
        else { throw RackError(.unauthorized, "Send the build's own token: Authorization: Build TOKEN.") }
        return token
    }
}
