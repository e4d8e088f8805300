import Foundation

/// The directory that holds everything a rack keeps: its database, its master key, its internal
/// secret and (later) its repositories and slugs.
///
/// ```swift
/// let home = try RackHome(path: "/var/lib/rack").prepared()
/// let key = try home.masterKey()
/// ```
public struct RackHome: Sendable, Hashable {
    public let path: String

    public init(path: String) {
        // Keep paths absolute so that nothing depends on the working directory later.
        if path.hasPrefix("/") {
            self.path = path
        } else {
            self.path = FileManager.default.currentDirectoryPath + "/" + path
        }
    }

    public var databasePath: String { path + "/rack.db" }
    public var masterKeyPath: String { path + "/master.key" }
    /// The key a rotation seals with, until it replaces `master.key` (see `rackd master-key:rotate`).
    public var nextMasterKeyPath: String { path + "/master.key.next" }
    /// Held (flock) by the running `rackd serve`: one at a time a home, and none while the master key rotates.
    public var serveLockPath: String { path + "/rackd.lock" }
    public var internalSecretPath: String { path + "/internal.secret" }
    /// The secret of the SSH gate (`rack-keys`, `rack-serve`): it may only look keys up and check access.
    public var gateSecretPath: String { path + "/gate.secret" }
    /// What the SSH gate reads: sshd's config and host key, `gate.json`, and the gate's own binaries.
    public var sshDirectory: String { path + "/ssh" }
    /// `gate.json`: how `rack-keys` and `rack-serve` reach the API (readable by the SSH user's group).
    public var gateSettingsPath: String { sshDirectory + "/gate.json" }
    /// The hooks every app repository runs (`core.hooksPath`), never the repository's own.
    public var hooksDirectory: String { sshDirectory + "/hooks" }
    /// The app repositories, one bare repository per app, named by the app's id (owned by the SSH user).
    public var repositoriesDirectory: String { path + "/repos" }

    /// The bare repository of an app: found by its id, never by a path made of user text.
    ///
    /// - Throws: ``RackError`` `.internalError` for an id that is not a lowercase UUID.
    public func repositoryPath(appID: String) throws(RackError) -> String {
        guard Self.isUUID(appID) else { throw RackError(.internalError, "App id \(appID.prefix(40)) is not a UUID.") }
        return repositoriesDirectory + "/" + appID + ".git"
    }

    /// Creates the directory (mode 0700) if it does not exist yet.
    ///
    /// - Throws: ``RackError`` `.internalError` when it cannot be created.
    public func prepared() throws(RackError) -> RackHome {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw RackError(.internalError, "Cannot create Rack's home directory \(path): check its parent's permissions.", cause: error)
        }
        return self
    }

    /// The 32-byte key that encrypts config vars at rest; created with mode 0600 on first use.
    public func masterKey() throws(RackError) -> [UInt8] {
        try SecretFile(path: masterKeyPath, byteCount: 32).loadOrCreate()
    }

    /// The SSH gate's secret, as hex; created with mode 0600 on first use.
    public func gateSecret() throws(RackError) -> String {
        try SecretFile(path: gateSecretPath, byteCount: 32).loadOrCreate().hexString
    }

    /// The secret that authenticates Rack's own programs to the internal API, as hex;
    /// created with mode 0600 on first use.
    public func internalSecret() throws(RackError) -> String {
        try SecretFile(path: internalSecretPath, byteCount: 32).loadOrCreate().hexString
    }
}

extension [UInt8] {
    /// Lowercase hex, two digits a byte.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension RackHome {
    /// Checkouts being built, one directory per build id (owned by the SSH user, who checks out).
    public var buildsDirectory: String { path + "/builds" }
    /// Each app's build cache (CACHE_DIR), kept between builds; owned by the build user.
    public var cachesDirectory: String { path + "/cache" }
    /// Fetched buildpacks (`BUILDPACK_URL`, `.buildpacks`), one directory per URL#ref.
    public var buildpacksDirectory: String { path + "/buildpacks" }
    /// Stored slugs, the embedded storage's directory.
    public var slugsDirectory: String { path + "/slugs" }
    /// The build runner's socket directory (root:SSH user 0750), so only the SSH user may ask for builds.
    public var runnerDirectory: String { path + "/runner" }
    public var runnerSocketPath: String { runnerDirectory + "/builder.sock" }
    /// The build runner's own scratch space (root 0700): each build's env dir and buildpack copies.
    public var buildWorkDirectory: String { path + "/work" }

    /// The checkout of one build.
    ///
    /// - Throws: ``RackError`` `.internalError` for an id that is not a lowercase UUID.
    public func buildPath(buildID: String) throws(RackError) -> String {
        guard Self.isUUID(buildID) else { throw RackError(.internalError, "Build id \(buildID.prefix(40)) is not a UUID.") }
        return buildsDirectory + "/" + buildID
    }

    /// The lock a push's hook holds while it runs the build's side of the push (see ``BuildHookLock``).
    public func hookLockPath(buildID: String) throws(RackError) -> String {
        try buildPath(buildID: buildID) + ".hook"
    }

    /// An app's build cache.
    public func cachePath(appID: String) throws(RackError) -> String {
        guard Self.isUUID(appID) else { throw RackError(.internalError, "App id \(appID.prefix(40)) is not a UUID.") }
        return cachesDirectory + "/" + appID
    }

    static func isUUID(_ text: String) -> Bool {
        text.utf8.count == 36
            && text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) || $0 == UInt8(ascii: "-") })
    }
}
