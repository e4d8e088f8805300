import RackClient
import RackCore

/// Applies a config change and tells the user what it did, Heroku-style:
/// `Setting FOO, BAR and restarting myapp... done, v3`.
enum ConfigChangeReport {
    static func apply(_ changes: [String: String?], app: String, verb: String, client: RackAPIClient) async throws(RackError) -> [String: String] {
        let names = changes.keys.sorted().joined(separator: ", ")
        let result = try await client.updateConfigVars(app: app, changes: changes)
        if let version = result.releaseVersion {
            print("\(verb) \(names) and restarting \(app)... done, v\(version)")
        } else {
            print("\(verb) \(names) on \(app)... no change")
        }
        return result.vars
    }
}
