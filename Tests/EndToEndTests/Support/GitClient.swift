import Foundation

/// Someone with an SSH key, using the real `ssh` and `git` against a rack's sshd.
struct GitClient {
    let home: String
    let keyPath: String
    let port: Int

    /// Makes the key with `ssh-keygen` in `home/.ssh`.
    init(home: String, port: Int, comment: String) throws {
        self.home = home
        self.port = port
        keyPath = home + "/.ssh/id_ed25519"
        try FileManager.default.createDirectory(atPath: home + "/.ssh", withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: keyPath) { try SSHKeyFile.make(at: keyPath, comment: comment) }
    }

    var sshOptions: [String] {
        [
            "-p", "\(port)", "-i", keyPath, "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
        ]
    }

    var environment: [String: String] {
        [
            "HOME": home, "GIT_SSH_COMMAND": "ssh " + sshOptions.joined(separator: " "), "GIT_TERMINAL_PROMPT": "0",
            "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com", "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.com",
        ]
    }

    func url(_ app: String) -> String { "ssh://git@127.0.0.1:\(port)/\(app).git" }

    @discardableResult
    func git(_ arguments: String..., in directory: String? = nil) throws -> CommandResult {
        try Shell.run("git", arguments, environment: environment, directory: directory ?? home)
    }

    /// `ssh git@127.0.0.1 COMMAND`, or a bare `ssh git@127.0.0.1` without one.
    func ssh(_ command: String? = nil) throws -> CommandResult {
        try Shell.run("/usr/bin/ssh", sshOptions + ["git@127.0.0.1"] + (command.map { [$0] } ?? []), environment: environment)
    }

    /// A new repository at `home/NAME` with one commit (a Procfile app, which Rack's shipped procfile buildpack
    /// builds), its remote `rack` pointing at the app.
    func makeRepository(_ name: String, app: String) throws -> String {
        let directory = home + "/" + name
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try git("init", "-q", "-b", "master", in: directory)
        try commit(in: directory, file: "Procfile", content: "web: ./\(name) --port $PORT\n")
        try git("remote", "add", "rack", url(app), in: directory)
        return directory
    }

    /// Writes a file and commits it; returns the new commit's sha.
    @discardableResult
    func commit(in directory: String, file: String, content: String) throws -> String {
        try content.write(toFile: directory + "/" + file, atomically: true, encoding: .utf8)
        try git("add", file, in: directory)
        let result = try git("commit", "-q", "-m", "change \(file)", in: directory)
        guard result.succeeded else { throw RackTestFailure("commit failed: \(result.stderr)") }
        return try git("rev-parse", "HEAD", in: directory).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
