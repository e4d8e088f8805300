/// What a config change did: the config after it, and the release it made (nil when nothing changed).
///
/// The API answers `PATCH /apps/{app}/config-vars` with the config, as Heroku does, and names the release
/// in the ``releaseVersionHeader`` response header.
public struct ConfigChangeResult: Hashable, Sendable {
    /// `Rack-Release-Version: 3`, on a config change that made release v3.
    public static let releaseVersionHeader = "Rack-Release-Version"

    public var vars: [String: String]
    public var releaseVersion: Int?

    public init(vars: [String: String], releaseVersion: Int?) {
        self.vars = vars
        self.releaseVersion = releaseVersion
    }
}
