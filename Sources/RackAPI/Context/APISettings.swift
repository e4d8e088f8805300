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

    public init(sshHost: String, sshPort: Int, sshUser: String = "git", internalSecret: String, hourlyRequestLimit: Int = 4500) {
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
