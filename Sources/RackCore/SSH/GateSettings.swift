import Foundation

/// What the SSH gate (`rack-keys`, `rack-serve`) needs to know, written by `rackd serve` to `gate.json`.
public struct GateSettings: Codable, Hashable, Sendable {
    /// The API, e.g. `http://127.0.0.1:5000`.
    public var apiURL: String
    /// The gate's secret: it may look keys up and check access, nothing else.
    public var secret: String
    /// The only system user the gate serves (default `git`).
    public var sshUser: String
    /// The rack's home directory.
    public var home: String
    /// How long a push waits for another push to the same app before giving up, in seconds.
    public var pushLockTimeout: Double
    /// How long one API call of the gate may take, in seconds; past it the gate fails closed.
    public var apiTimeout: Double

    public init(
        apiURL: String, secret: String, sshUser: String, home: String, pushLockTimeout: Double = 600,
        apiTimeout: Double = 5
    ) {
        self.apiURL = apiURL
        self.secret = secret
        self.sshUser = sshUser
        self.home = home
        self.pushLockTimeout = pushLockTimeout
        self.apiTimeout = apiTimeout
    }

    enum CodingKeys: String, CodingKey {
        case secret, home
        case apiURL = "api_url"
        case sshUser = "ssh_user"
        case pushLockTimeout = "push_lock_timeout"
        case apiTimeout = "api_timeout"
    }

    /// Reads `gate.json` from a rack's home.
    ///
    /// - Throws: ``RackError`` `.unavailable` when it is missing or unreadable (rackd has not set SSH up).
    public static func load(home: RackHome) throws(RackError) -> GateSettings {
        guard let data = FileManager.default.contents(atPath: home.gateSettingsPath) else {
            throw RackError(.unavailable, "Cannot read \(home.gateSettingsPath): is `rackd serve --ssh` running for this home?")
        }
        do { return try JSONDecoder().decode(GateSettings.self, from: data) } catch {
            throw RackError(.unavailable, "\(home.gateSettingsPath) is unreadable: restart rackd to rewrite it.", cause: error)
        }
    }
}
