import RackCore

/// How a rack builds: who builds, with which buildpacks, within which limits.
public struct BuildRunnerSettings: Sendable {
    public var home: RackHome
    /// The SSH user: the only one (with root) that may ask for builds, and the owner of checkouts.
    public var sshUser: SystemUser
    /// The unprivileged user build code runs as.
    public var buildUserName: String
    /// The buildpacks detection tries, in order: directories on this machine, or buildpack URLs.
    public var installedBuildpacks: [String]
    /// The largest slug, compressed, in bytes (Heroku's 500 MiB by default).
    public var slugLimit: Int
    /// What every build may use, unless the operator set other limits for its app.
    public var limits: BuildLimits

    public init(
        home: RackHome, sshUser: SystemUser, buildUserName: String = "rack-build", installedBuildpacks: [String],
        slugLimit: Int = 500 << 20, limits: BuildLimits = .defaults
    ) {
        self.limits = limits
        self.home = home
        self.sshUser = sshUser
        self.buildUserName = buildUserName
        self.installedBuildpacks = installedBuildpacks
        self.slugLimit = slugLimit
    }
}
