import RackCore
import Testing

@Suite struct SSHCommandTests {
    @Test(arguments: [
        ("git-receive-pack 'my-app.git'", SSHCommand.Verb.receivePack),
        ("git-receive-pack '/my-app.git'", .receivePack),
        ("git-receive-pack 'my-app'", .receivePack),
        ("git-receive-pack my-app.git", .receivePack),
        ("git-receive-pack /my-app", .receivePack),
        ("git receive-pack 'my-app.git'", .receivePack),
        ("git-upload-pack 'my-app.git'", .uploadPack),
        ("git upload-pack '/my-app.git'", .uploadPack),
    ])
    func acceptsGitCommands(text: String, verb: SSHCommand.Verb) throws {
        let command = try SSHCommand(parsing: text)
        #expect(command.verb == verb)
        #expect(command.app.rawValue == "my-app")
    }

    @Test func pushNeedsWriteAndFetchNeedsRead() throws {
        #expect(try SSHCommand(parsing: "git-receive-pack 'app'").verb.access == .write)
        #expect(try SSHCommand(parsing: "git-upload-pack 'app'").verb.access == .read)
    }

    @Test(arguments: [
        "git-upload-archive 'my-app.git'", "scp -t /tmp", "sh", "rsync --server . /", "bash -c id", "ls",
        "git-receive-pack '../etc.git'", "git-receive-pack 'a/../b.git'", "git-receive-pack 'dir/my-app.git'",
        "git-receive-pack 'my-app.git'; rm -rf /", "git-receive-pack 'my-app.git' | cat", "git-receive-pack 'my-app.git' && id",
        "git-receive-pack '$(id).git'", "git-receive-pack '`id`.git'", "git-receive-pack 'my-app.git'\nid",
        "git-receive-pack 'my-app.git\u{0}'", "git-receive-pack 'my-app.git' extra", "git-receive-pack  'my-app.git'",
        "git-receive-pack 'my-app.git", "git-receive-pack ''", "git-receive-pack", "git-receive-pack 'My-App.git'",
        "git-receive-pack '" + String(repeating: "a", count: 300) + "'", "GIT-RECEIVE-PACK 'my-app.git'",
        "git-receive-pack \"my-app.git\"", "git-receive-pack 'my-app.git.git'",
    ])
    func refusesEverythingElse(text: String) {
        #expect(throws: RackError.self) { try SSHCommand(parsing: text) }
    }
}
