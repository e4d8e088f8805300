import Foundation
import HTTPTypes
import Hummingbird
import RackCore
import RackStore

/// `GET/PATCH /apps/{app}/config-vars`; a PATCH with `null` removes a var; each change is a release.
struct ConfigVarsController {
    let store: RackStore
    static let releaseVersionHeader = HTTPField.Name(ConfigChangeResult.releaseVersionHeader)!
    var lookup: AppLookup { AppLookup(store: store) }

    /// A config var value: a string, or null to remove the var. Numbers and booleans are refused.
    private struct ValueChange: Decodable {
        let value: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                value = nil
            } else {
                value = try container.decode(String.self)
            }
        }
    }

    func addRoutes(to group: RouterGroup<RackRequestContext>) {
        group.get("apps/:app/config-vars") { request, context in
            let (app, _, _) = try await lookup.find(request, context)
            return JSONResponse.make(try await store.configVars(appID: app.id))
        }
        group.patch("apps/:app/config-vars") { request, context in
            let (app, user, _) = try await lookup.find(request, context)
            let body = try await RequestBody.decode([String: ValueChange].self, from: request)
            guard !body.isEmpty else {
                throw RackError(.invalidParams, "Send at least one var: {\"NAME\": \"value\"}, or null to remove it.")
            }
            let (vars, release) = try await store.updateConfigVars(
                appID: app.id, changes: body.mapValues(\.value), userID: user.id)
            // Rack's addition: the release the change made (none when nothing changed), so that clients need not
            // list releases around the PATCH and race other changes.
            var headers = HTTPFields()
            if let release { headers[ConfigVarsController.releaseVersionHeader] = String(release.version) }
            return JSONResponse.make(vars, headers: headers)
        }
    }
}
