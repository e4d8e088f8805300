import Foundation
import RackCore

/// Where the API is and the token to use: from `RACK_API_URL` and `RACK_API_TOKEN`, else from the file
/// `rack login` writes (`$XDG_CONFIG_HOME/rack/credentials.json`, else `~/.config/rack/credentials.json`, mode 0600).
public struct Credentials: Codable, Hashable, Sendable {
    public var apiURL: String
    public var token: String

    public init(apiURL: String, token: String) {
        self.apiURL = apiURL.hasSuffix("/") ? String(apiURL.dropLast()) : apiURL
        self.token = token
    }

    enum CodingKeys: String, CodingKey {
        case apiURL = "api_url"
        case token
    }

    /// The credentials file's path for an environment.
    public static func filePath(environment: [String: String]) -> String {
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/rack/credentials.json" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/rack/credentials.json"
    }

    /// The credentials in force: the environment's, else the file's.
    ///
    /// - Throws: ``RackError`` `.unauthorized` when there are none, saying to run `rack login`.
    public static func current(environment: [String: String]) throws(RackError) -> Credentials {
        if let url = setting("RACK_API_URL", in: environment), let token = setting("RACK_API_TOKEN", in: environment) {
            return Credentials(apiURL: url, token: token)
        }
        let path = filePath(environment: environment)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RackError(.unauthorized, "Not logged in: run `rack login`, or set RACK_API_URL and RACK_API_TOKEN.")
        }
        do { return try JSONDecoder().decode(Credentials.self, from: data) } catch {
            throw RackError(.unauthorized, "The credentials file \(path) is unreadable: run `rack login` again.")
        }
    }

    /// An environment variable's value, nil when unset or empty (an empty variable sets nothing).
    public static func setting(_ name: String, in environment: [String: String]) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Writes the credentials file with mode 0600 (its directory 0700), replacing any earlier one.
    public func save(environment: [String: String]) throws(RackError) {
        let path = Credentials.filePath(environment: environment)
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let data = try JSONEncoder().encode(self)
            let temporary = path + ".tmp"
            FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600])
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
            try handle.write(contentsOf: data)
            try handle.close()
            guard rename(temporary, path) == 0 else { throw RackError(.internalError, "rename failed: errno \(errno)") }
        } catch {
            throw RackError(.internalError, "Cannot write \(path): check that your home directory is writable.", cause: error)
        }
    }

    /// Removes the credentials file, if any.
    public static func remove(environment: [String: String]) {
        try? FileManager.default.removeItem(atPath: filePath(environment: environment))
    }
}
