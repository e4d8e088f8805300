/// The git command an SSH client asked for, parsed strictly from `SSH_ORIGINAL_COMMAND`.
///
/// Accepted: `git-receive-pack`, `git receive-pack`, `git-upload-pack` or `git upload-pack`, one space, and
/// one path `APP`, `APP.git`, `/APP` or `/APP.git`, bare or in single quotes, where APP follows the app-name
/// rule. Everything else is refused; nothing of it ever reaches a shell.
///
/// ```swift
/// let command = try SSHCommand(parsing: "git-receive-pack 'my-app.git'")
/// command.verb    // .receivePack
/// command.app     // my-app
/// ```
public struct SSHCommand: Hashable, Sendable {
    /// The git service asked for.
    public enum Verb: String, Sendable {
        case receivePack = "git-receive-pack"
        case uploadPack = "git-upload-pack"

        /// What the service needs: pushing writes, fetching reads.
        public var access: AccessMode { self == .receivePack ? .write : .read }
    }

    public let verb: Verb
    public let app: AppName

    /// The longest command accepted, in bytes.
    public static let longest = 256

    /// - Throws: ``RackError`` `.invalidParams` with a message for the user.
    public init(parsing text: String) throws(RackError) {
        guard text.utf8.count <= SSHCommand.longest else {
            throw RackError(.invalidParams, "That command is too long: Rack runs only `git push` and `git fetch`.")
        }
        guard text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7f }) else {
            throw RackError(.invalidParams, "That command holds control or non-ASCII characters: Rack runs only `git push` and `git fetch`.")
        }
        let verbs: [(String, Verb)] = [
            ("git-receive-pack ", .receivePack), ("git receive-pack ", .receivePack),
            ("git-upload-pack ", .uploadPack), ("git upload-pack ", .uploadPack),
        ]
        guard let (prefix, verb) = verbs.first(where: { text.hasPrefix($0.0) }) else {
            let shown = text.split(separator: " ").first.map { String($0.prefix(40)) } ?? ""
            throw RackError(.invalidParams, "Rack does not run `\(shown)`: it serves only `git push` and `git fetch`/`git clone`.")
        }
        var path = Substring(text.dropFirst(prefix.count))
        if path.hasPrefix("'") {
            guard path.count >= 2, path.hasSuffix("'") else {
                throw RackError(.invalidParams, "The repository path is not quoted properly: use `git push rack master`.")
            }
            path = path.dropFirst().dropLast()
        }
        if path.hasPrefix("/") { path = path.dropFirst() }
        if path.hasSuffix(".git") { path = path.dropLast(4) }
        guard AppName.isValid(String(path)) else {
            throw RackError(
                .invalidParams,
                "\"\(path.prefix(40))\" is not an app's repository: the remote must be ssh://git@HOST/APP.git with APP an app name.")
        }
        self.verb = verb
        self.app = try AppName(validating: String(path))
    }
}

/// What an SSH client wants to do with a repository.
public enum AccessMode: String, Codable, Sendable {
    case read, write
}
