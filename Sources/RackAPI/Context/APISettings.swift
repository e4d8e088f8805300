import RackCore

/// What the API needs to know about the rack it serves.
public struct APISettings: Sendable {
    /// The SSH address users push to, e.g. `127.0.0.1:2222`; it makes each app's `git_url`.
    public var sshHost: String
    public var sshPort: Int
    /// The user sshd serves (default `git`).
    public var sshUser: String
    /// The secret Rack's own programs present to `/internal/…`.
    public var internalSecret: String
    /// Requests a user may make an hour.
    public var hourlyRequestLimit: Int
    /// The secret of the SSH gate; it opens only the gate's internal routes. nil: no SSH gate.
    public var gateSecret: String?
    /// Where app repositories live; nil when this API serves no git (tests of the API alone).
    public var repositories: AppRepositories?

    public init(
        sshHost: String, sshPort: Int, sshUser: String = "git", internalSecret: String, hourlyRequestLimit: Int = 4500,
        gateSecret: String? = nil, repositories: AppRepositories? = nil
    ) {
        self.gateSecret = gateSecret
        self.repositories = repositories
        self.sshHost = sshHost
        self.sshPort = sshPort
        self.sshUser = sshUser
        self.internalSecret = internalSecret
        self.hourlyRequestLimit = hourlyRequestLimit
    }

    /// `ssh://git@host:port/app.git`, the URL `git push` uses.
    public func gitURL(appName: String) -> String {
        let host = sshHost.contains(":") ? "[\(sshHost)]" : sshHost
        return "ssh://\(sshUser)@\(host):\(sshPort)/\(appName).git"
    }
}
