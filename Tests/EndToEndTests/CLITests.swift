import Foundation
import Testing

/// `rack` end to end against a real `rackd serve`, as a person at a terminal would use them.
@Suite(.serialized) struct CLITests {
    let rack: RunningRack
    let alice: CLIUser

    init() throws {
        rack = try RunningRack()
        alice = try rack.user("alice")
        let token = try rack.createUser("alice@example.com")
        let login = try alice.run("login", "--api-url", rack.apiURL, "--token", token)
        try #require(login.succeeded, "\(login.stderr)")
    }

    /// Signs in another user and returns them.
    func signIn(_ name: String) throws -> CLIUser {
        let user = try rack.user(name)
        let token = try rack.createUser("\(name)@example.com")
        try #require(try user.run("login", "--api-url", rack.apiURL, "--token", token).succeeded)
        return user
    }

    @Test func theMasterKeyRotatesOnlyWhileRackdIsStoppedAndTheConfigSurvives() throws {
        try #require(try alice.run("apps:create", "keyed-app", "--no-remote").succeeded)
        try #require(try alice.run("config:set", "DATABASE_URL=postgres://secret", "-a", "keyed-app").succeeded)
        let oldKey = try Data(contentsOf: URL(fileURLWithPath: rack.home + "/master.key"))

        let refused = try Shell.run(rack.rackd, ["master-key:rotate", "--home", rack.home])
        #expect(!refused.succeeded)
        #expect(refused.stderr.contains("A rackd serve is running with the home \(rack.home): stop it before rotating the master key."))
        let second = try Shell.run(rack.rackd, ["serve", "--home", rack.home, "--http", "127.0.0.1:0"])
        #expect(!second.succeeded)
        #expect(second.stderr.contains("A rackd serve is running with the home"))

        rack.stop()
        let rotated = try Shell.run(rack.rackd, ["master-key:rotate", "--home", rack.home])
        #expect(rotated.succeeded, "\(rotated.stderr)")
        #expect(rotated.stdout.contains("Rotated the master key: 3 secrets sealed again."))
        #expect(try Data(contentsOf: URL(fileURLWithPath: rack.home + "/master.key")) != oldKey)
        try rack.start(reusingPorts: true)
        #expect(try alice.run("config:get", "DATABASE_URL", "-a", "keyed-app").stdout == "postgres://secret\n")
        #expect(try alice.run("releases:info", "v2", "-a", "keyed-app").stdout.contains("postgres://secret"))
    }

    @Test func loginStoresTheTokenReadableOnlyByItsOwner() throws {
        #expect(try alice.run("auth:whoami").stdout == "alice@example.com\n")
        let file = alice.home + "/.config/rack/credentials.json"
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func loginWithAWrongTokenFailsAndStoresNothing() throws {
        let mallory = try rack.user("mallory")
        let result = try mallory.run("login", "--api-url", rack.apiURL, "--token", "rack_0000000000000000_" + String(repeating: "0", count: 64))
        #expect(result.status != 0)
        #expect(result.stderr.contains("Invalid credentials"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: mallory.home + "/.config/rack/credentials.json"))
    }

    @Test func loginWithoutATerminalOrTokenSaysWhatToPass() throws {
        let nobody = try rack.user("nobody")
        let result = try nobody.run("login")
        #expect(result.status != 0)
        #expect(result.stderr.contains("--api-url"))
    }

    @Test func keysAddTheDefaultKeyListItAndRemoveItByComment() throws {
        try SSHKeyFile.make(at: alice.home + "/.ssh/id_ed25519", comment: "alice@laptop")
        let fingerprint = try SSHKeyFile.fingerprint(of: alice.home + "/.ssh/id_ed25519.pub")

        let added = try alice.run("keys:add")
        #expect(added.succeeded, "\(added.stderr)")
        #expect(added.stdout.contains(fingerprint))

        let listed = try alice.run("keys")
        #expect(listed.stdout.contains(fingerprint))
        #expect(listed.stdout.contains("alice@laptop"))
        #expect(try alice.run("keys:list").stdout == listed.stdout)

        let again = try alice.run("keys:add", alice.home + "/.ssh/id_ed25519.pub")
        #expect(again.status != 0)
        #expect(again.stderr.contains("registered already"))

        let privateKey = try alice.run("keys:add", alice.home + "/.ssh/id_ed25519")
        #expect(privateKey.status != 0)
        #expect(privateKey.stderr.lowercased().contains("private key"))

        let removed = try alice.run("keys:remove", "alice@laptop")
        #expect(removed.succeeded, "\(removed.stderr)")
        #expect(try alice.run("keys").stdout.contains("no SSH keys"))
    }

    @Test func keysAddWithNoKeyFileSaysHowToMakeOne() throws {
        let result = try alice.run("keys:add")
        #expect(result.status != 0)
        #expect(result.stderr.contains("ssh-keygen"))
    }

    @Test func appsCreateInAGitRepositoryAddsTheRackRemote() throws {
        let repository = alice.home + "/myapp"
        try FileManager.default.createDirectory(atPath: repository, withIntermediateDirectories: true)
        try #require(try Shell.run("git", ["init", "-q"], directory: repository).succeeded)

        let created = try alice.run("apps:create", "shiny-app", in: repository)
        #expect(created.succeeded, "\(created.stderr)")
        let remote = try Shell.run("git", ["remote", "get-url", "rack"], directory: repository)
        #expect(remote.stdout == "ssh://git@127.0.0.1:2222/shiny-app.git\n")

        // Inside the repository, the app comes from the remote.
        let info = try alice.run("apps:info", in: repository)
        #expect(info.stdout.contains("=== shiny-app"))
        #expect(info.stdout.contains("alice@example.com"))
        #expect(try alice.run("apps").stdout.contains("shiny-app"))

        let json = try alice.run("apps", "--json")
        let apps = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(apps?.first?["name"] as? String == "shiny-app")
    }

    @Test func appsCreateWithoutANamePicksOne() throws {
        let created = try alice.run("apps:create")
        #expect(created.succeeded)
        let name = created.stdout.split(separator: " ")[1].replacingOccurrences(of: "...", with: "")
        #expect(name.range(of: "^[a-z][a-z0-9-]{2,29}$", options: .regularExpression) != nil)
    }

    @Test(arguments: ["Bad_Name", "ab", "1abc", "a-very-long-app-name-that-is-too-long"])
    func appsCreateRefusesABadName(name: String) throws {
        let result = try alice.run("apps:create", name)
        #expect(result.status != 0)
        #expect(result.stderr.contains("is invalid"))
        #expect(try alice.run("apps").stdout.contains("no apps"))
    }

    @Test func appsDestroyNeedsTheNameAgain() throws {
        let repository = alice.home + "/doomed"
        try FileManager.default.createDirectory(atPath: repository, withIntermediateDirectories: true)
        try #require(try Shell.run("git", ["init", "-q"], directory: repository).succeeded)
        try #require(try alice.run("apps:create", "doomed-app", in: repository).succeeded)

        let unconfirmed = try alice.run("apps:destroy", "doomed-app", in: repository)
        #expect(unconfirmed.status != 0)
        #expect(unconfirmed.stderr.contains("--confirm doomed-app"))
        #expect(try alice.run("apps").stdout.contains("doomed-app"))

        let destroyed = try alice.run("apps:destroy", "doomed-app", "--confirm", "doomed-app", in: repository)
        #expect(destroyed.succeeded, "\(destroyed.stderr)")
        #expect(!(try alice.run("apps").stdout.contains("doomed-app")))
        #expect(try Shell.run("git", ["remote"], directory: repository).stdout.isEmpty)
    }

    @Test func configSetGetUnsetAndDumpRoundTripExactly() throws {
        try #require(try alice.run("apps:create", "config-app", "--no-remote").succeeded)
        let tricky = "it's \"quoted\" $HOME `x` \\ back\nsecond line ünïcødé ✓"
        let set = try alice.run(arguments: ["config:set", "PLAIN=hello", "TRICKY=\(tricky)", "EMPTY=", "-a", "config-app"])
        #expect(set.succeeded, "\(set.stderr)")
        #expect(set.stdout.contains("done, v2"))

        #expect(try alice.run("config:get", "TRICKY", "-a", "config-app").stdout == tricky + "\n")
        #expect(try alice.run("config:get", "PLAIN", "-a", "config-app").stdout == "hello\n")
        #expect(try alice.run("config:set", "PLAIN=hello", "-a", "config-app").stdout.contains("no change"))

        // The dump, sourced by a POSIX shell, gives back exactly the values.
        let dump = try alice.run("config:dump", "-a", "config-app")
        let envFile = alice.home + "/config.env"
        try dump.stdout.write(toFile: envFile, atomically: true, encoding: .utf8)
        let sourced = try Shell.run(
            "/bin/sh", ["-c", "set -a; . \"$1\"; printf '%s' \"$TRICKY\"; printf '|%s|%s' \"$PLAIN\" \"$EMPTY\"", "sh", envFile])
        #expect(sourced.stdout == tricky + "|hello|")

        let unset = try alice.run("config:unset", "PLAIN", "-a", "config-app")
        #expect(unset.stdout.contains("done, v3"))
        let config = try alice.run("config", "-a", "config-app", "--json")
        let vars = try JSONSerialization.jsonObject(with: Data(config.stdout.utf8)) as? [String: String]
        #expect(vars == ["TRICKY": tricky, "EMPTY": ""])

        let releases = try alice.run("releases", "-a", "config-app").stdout
        #expect(releases.contains("Current: v3"))
        #expect(releases.contains("Remove PLAIN config vars"))
        #expect(releases.contains("Initial release"))

        // v2's snapshot still holds PLAIN.
        let info = try alice.run("releases:info", "v2", "-a", "config-app")
        #expect(info.stdout.contains("PLAIN:"))
        #expect(info.stdout.contains("hello"))
        let latest = try alice.run("releases:info", "-a", "config-app")
        #expect(latest.stdout.contains("=== Release v3"))
        #expect(!latest.stdout.contains("PLAIN:"))
    }

    @Test(arguments: ["NOEQUALS", "1BAD=x", "BAD-NAME=x"])
    func configSetRefusesMalformedPairsAndChangesNothing(pair: String) throws {
        try #require(try alice.run("apps:create", "strict-app", "--no-remote").succeeded)
        let result = try alice.run("config:set", pair, "-a", "strict-app")
        #expect(result.status != 0)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try alice.run("releases", "-a", "strict-app").stdout.contains("Current: v1"))
    }

    @Test func buildpacksSetSetsBuildpackURL() throws {
        try #require(try alice.run("apps:create", "bp-app", "--no-remote").succeeded)
        let url = "https://example.com/buildpack.git#v1"
        #expect(try alice.run("buildpacks:set", url, "-a", "bp-app").succeeded)
        #expect(try alice.run("config:get", "BUILDPACK_URL", "-a", "bp-app").stdout == url + "\n")
    }

    @Test func sharingLetsACollaboratorWorkOnTheAppUntilRemoved() throws {
        let bob = try signIn("bob")
        let carol = try signIn("carol")
        try #require(try alice.run("apps:create", "team-app", "--no-remote").succeeded)

        let denied = try bob.run("config", "-a", "team-app")
        #expect(denied.status != 0)
        #expect(denied.stderr.contains("You do not have access to the app team-app"))

        #expect(try alice.run("sharing:add", "bob@example.com", "-a", "team-app").succeeded)
        let list = try alice.run("sharing", "-a", "team-app").stdout
        #expect(list.contains("bob@example.com"))
        #expect(list.contains("alice@example.com  owner"))
        #expect(try bob.run("apps").stdout.contains("team-app"))
        #expect(try bob.run("config:set", "FROM_BOB=1", "-a", "team-app").succeeded)
        #expect(try carol.run("config", "-a", "team-app").status != 0)

        let unknown = try alice.run("sharing:add", "nobody@example.com", "-a", "team-app")
        #expect(unknown.stderr.contains("No user has the email nobody@example.com"))

        #expect(try alice.run("sharing:remove", "bob@example.com", "-a", "team-app").succeeded)
        #expect(try bob.run("config", "-a", "team-app").status != 0)
        #expect(try alice.run("releases", "-a", "team-app").stdout.contains("bob@example.com"))
    }

    @Test func dataSurvivesARestartOfRackd() throws {
        try #require(try alice.run("apps:create", "lasting-app", "--no-remote").succeeded)
        try #require(try alice.run("config:set", "KEPT=yes", "-a", "lasting-app").succeeded)
        rack.stop()
        try rack.start()
        try #require(try alice.run("login", "--api-url", rack.apiURL, "--token", try rack.createUser("dave@example.com")).succeeded)
        // dave is a new user: he cannot see alice's app, but the rack still has it.
        #expect(try alice.run("config:get", "KEPT", "-a", "lasting-app").status != 0)
        let aliceAgain = try rack.user("alice-again")
        let token = try Shell.run(rack.rackd, ["tokens:create", "alice@example.com", "--home", rack.home]).stdout
            .split(separator: "\n").last.map(String.init) ?? ""
        try #require(try aliceAgain.run("login", "--api-url", rack.apiURL, "--token", token).succeeded)
        #expect(try aliceAgain.run("config:get", "KEPT", "-a", "lasting-app").stdout == "yes\n")
        #expect(try aliceAgain.run("releases", "-a", "lasting-app").stdout.contains("Current: v2"))
    }

    @Test func errorsAreOneLineOnStderrWithANonZeroExit() throws {
        let cases: [[String]] = [
            ["config", "-a", "no-such-app"],
            ["apps:info"],
            ["releases:info", "v99", "-a", "no-such-app"],
            ["no-such-command"],
            ["config:get"],
        ]
        for arguments in cases {
            let result = try alice.run(arguments: arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(arguments)")
        }
        #expect(try alice.run("config", "-a", "no-such-app").stderr.contains("Couldn't find that app."))
    }

    @Test func aStoppedAPIIsReportedAsUnreachable() throws {
        rack.stop()
        let result = try alice.run("apps")
        #expect(result.status != 0)
        #expect(result.stderr.contains("Cannot reach Rack's API"))
    }
}
