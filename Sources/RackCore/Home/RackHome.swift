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
    public var internalSecretPath: String { path + "/internal.secret" }

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
