import Foundation
import Testing

/// `git push` and `git clone` through a real sshd started by `rackd serve --ssh`, with keys from `ssh-keygen`.
@Suite struct SSHGateTests {
    /// A rack serving SSH, with alice signed in, her key registered, and her app `alices-app`.
    struct Setup {
        let rack: RunningRack
        let alice: CLIUser
        let aliceGit: GitClient

        init(extraArguments: [String] = [], homeSize: String? = nil) throws {
            rack = try RunningRack(ssh: true, extraArguments: extraArguments, homeSize: homeSize)
            alice = try rack.user("alice")
            try #require(try alice.run("login", "--api-url", rack.apiURL, "--token", try rack.createUser("alice@example.com")).succeeded)
            aliceGit = try GitClient(home: alice.home, port: rack.sshPort, comment: "alice@laptop")
            try #require(try alice.run("keys:add").succeeded)
            try #require(try alice.run("apps:create", "alices-app", "--no-remote").succeeded)
        }

        /// Another registered user with a registered key.
        func person(_ name: String) throws -> (cli: CLIUser, git: GitClient) {
            let cli = try rack.user(name)
            try #require(try cli.run("login", "--api-url", rack.apiURL, "--token", try rack.createUser("\(name)@example.com")).succeeded)
            let git = try GitClient(home: cli.home, port: rack.sshPort, comment: "\(name)@laptop")
            try #require(try cli.run("keys:add").succeeded)
            return (cli, git)
        }

        /// Names of what the repositories directory holds, but the gate's own log.
        var repositoriesOnDisk: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: rack.home + "/repos")) ?? []).filter { $0 != "gate.log" }.sorted()
        }

        /// Starts `git push rack REFSPEC` from a repository without waiting for it.
        func startPush(in repository: String, _ refspec: String = "master") throws -> Process {
            let push = Process()
            push.executableURL = URL(fileURLWithPath: "/usr/bin/git")
            push.arguments = ["push", "rack", refspec]
            push.currentDirectoryURL = URL(fileURLWithPath: repository)
            push.environment = ProcessInfo.processInfo.environment.merging(aliceGit.environment) { $1 }
            push.standardOutput = FileHandle.nullDevice
            push.standardError = FileHandle.nullDevice
            try push.run()
            return push
        }

        /// Waits until the slow hook logged its start: the push it belongs to is inside the rack.
        static func waitForHookStart(_ hookLog: String) {
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline, ((try? String(contentsOfFile: hookLog, encoding: .utf8)) ?? "").isEmpty {
                Thread.sleep(forTimeInterval: 0.02)
            }
        }

        /// Installs a pre-receive hook in Rack's hooks directory that logs when it starts and ends and sleeps between.
        func installSlowHook(seconds: Int) throws -> String {
            let log = rack.scratch + "/hook.log"
            FileManager.default.createFile(atPath: log, contents: nil, attributes: [.posixPermissions: 0o666])
            let hook = rack.home + "/ssh/hooks/pre-receive"
            let script = """
                #!/bin/sh
                echo "start $(date +%s.%N)" >> \(log)
                sleep \(seconds)
                echo "end $(date +%s.%N)" >> \(log)
                """
            try script.write(toFile: hook, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
            return log
        }
    }

    @Test func anOwnerPushesThenClonesTheSameCommits() throws {
        let setup = try Setup()
        let repository = try setup.aliceGit.makeRepository("work", app: "alices-app")
        let second = try setup.aliceGit.commit(in: repository, file: "app.txt", content: "hello\n")
        let push = try setup.aliceGit.git("push", "rack", "master", in: repository)
        #expect(push.succeeded, "\(push.stderr)")
        #expect(push.stderr.contains("[new branch]      master -> master"))

        let clone = try setup.aliceGit.git("clone", "-q", setup.aliceGit.url("alices-app"), setup.alice.home + "/copy")
        #expect(clone.succeeded, "\(clone.stderr)")
        let cloned = try setup.aliceGit.git("rev-parse", "HEAD", in: setup.alice.home + "/copy").stdout
        #expect(cloned.trimmingCharacters(in: .whitespacesAndNewlines) == second)
        #expect(try setup.aliceGit.git("ls-remote", setup.aliceGit.url("alices-app")).stdout.contains(second))
    }

    @Test func aCollaboratorPushesAndAStrangerIsRefused() throws {
        let setup = try Setup()
        let bob = try setup.person("bob")
        let carol = try setup.person("carol")
        try #require(try setup.alice.run("sharing:add", "bob@example.com", "-a", "alices-app").succeeded)

        let bobs = try bob.git.makeRepository("bobs", app: "alices-app")
        let push = try bob.git.git("push", "rack", "master", in: bobs)
        #expect(push.succeeded, "\(push.stderr)")

        let carols = try carol.git.makeRepository("carols", app: "alices-app")
        let refused = try carol.git.git("push", "rack", "master:other", in: carols)
        #expect(!refused.succeeded)
        #expect(refused.stderr.contains(" !  You don't have access to alices-app."))
        let fetch = try carol.git.git("ls-remote", carol.git.url("alices-app"))
        #expect(fetch.stderr.contains(" !  You don't have access to alices-app."))
        #expect(!(try setup.aliceGit.git("ls-remote", setup.aliceGit.url("alices-app")).stdout.contains("other")))
    }

    @Test func anUnknownKeyIsRefusedByOpenSSH() throws {
        let setup = try Setup()
        let stranger = try GitClient(home: setup.rack.scratch + "/stranger", port: setup.rack.sshPort, comment: "stranger")
        let result = try stranger.git("ls-remote", stranger.url("alices-app"))
        #expect(!result.succeeded)
        #expect(result.stderr.contains("Permission denied (publickey)"))
    }

    @Test func aRemovedKeyStopsWorkingAtTheNextConnection() throws {
        let setup = try Setup()
        #expect(try setup.aliceGit.git("ls-remote", setup.aliceGit.url("alices-app")).succeeded)
        try #require(try setup.alice.run("keys:remove", "alice@laptop").succeeded)
        let after = try setup.aliceGit.git("ls-remote", setup.aliceGit.url("alices-app"))
        #expect(!after.succeeded)
        #expect(after.stderr.contains("Permission denied (publickey)"))
        // And adding it back works at once: no file to regenerate, no cache to wait for.
        try #require(try setup.alice.run("keys:add").succeeded)
        #expect(try setup.aliceGit.git("ls-remote", setup.aliceGit.url("alices-app")).succeeded)
    }

    @Test func anUnknownAppIsRefused() throws {
        let setup = try Setup()
        let repository = try setup.aliceGit.makeRepository("lost", app: "no-such-app")
        let push = try setup.aliceGit.git("push", "rack", "master", in: repository)
        #expect(!push.succeeded)
        #expect(push.stderr.contains(" !  No such app as no-such-app."))
    }

    @Test func sshWithoutACommandGreetsAndOffersNoShell() throws {
        let setup = try Setup()
        let result = try setup.aliceGit.ssh()
        #expect(result.status == 0)
        #expect(result.stderr.contains("Hi alice@example.com! You've authenticated with Rack, but Rack does not provide shell access."))
        #expect(result.stdout.isEmpty)
    }

    static let badCommands = [
        "git-upload-archive 'alices-app.git'", "scp -t /tmp", "sh", "rsync --server . /", "id",
        "git-receive-pack '../alices-app.git'", "git-receive-pack 'repos/alices-app.git'",
        "git-receive-pack 'alices-app.git'; touch /tmp/pwned", "git-receive-pack 'alices-app.git' | cat",
        "git-receive-pack 'alices-app.git' && id", "git-receive-pack '$(id).git'", "git-receive-pack '`id`.git'",
        "git-receive-pack 'alices-app.git'\nid", "git-receive-pack 'alices-app.git' extra",
        "git-receive-pack '" + String(repeating: "a", count: 400) + "'",
    ]

    @Test func badCommandsAreRefusedAndCreateNothing() throws {
        let setup = try Setup()
        let before = setup.repositoriesOnDisk
        for command in Self.badCommands {
            let result = try setup.aliceGit.ssh(command)
            #expect(result.status != 0, "\(command)")
            #expect(result.stderr.contains(" !  "), "\(command): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(command)")
        }
        #expect(setup.repositoriesOnDisk == before)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/pwned"))
    }

    @Test func aStoppedAPIRefusesThePushAndChangesNothing() throws {
        let setup = try Setup()
        let repository = try setup.aliceGit.makeRepository("paused", app: "alices-app")
        try #require(try setup.aliceGit.git("push", "rack", "master", in: repository).succeeded)
        let before = try setup.aliceGit.git("ls-remote", setup.aliceGit.url("alices-app")).stdout
        try setup.aliceGit.commit(in: repository, file: "more.txt", content: "more\n")

        let pid = try #require(setup.rack.process?.processIdentifier)
        kill(pid, SIGSTOP)
        let refused = try setup.aliceGit.git("push", "rack", "master", in: repository)
        kill(pid, SIGCONT)
        #expect(!refused.succeeded)
        #expect(refused.stderr.contains(" !  Rack is unavailable right now; try again shortly."), "\(refused.stderr)")
        #expect(try setup.aliceGit.git("ls-remote", setup.aliceGit.url("alices-app")).stdout == before)
        #expect(try setup.aliceGit.git("push", "rack", "master", in: repository).succeeded)
    }

    @Test func twoPushesToOneAppRunOneAfterTheOtherAndLoseNothing() throws {
        let setup = try Setup()
        let first = try setup.aliceGit.makeRepository("first", app: "alices-app")
        try #require(try setup.aliceGit.git("push", "rack", "master", in: first).succeeded)
        let second = setup.alice.home + "/second"
        try #require(try setup.aliceGit.git("clone", "-q", "-o", "rack", setup.aliceGit.url("alices-app"), second).succeeded)
        let firstSha = try setup.aliceGit.commit(in: first, file: "a.txt", content: "a\n")
        let secondSha = try setup.aliceGit.commit(in: second, file: "b.txt", content: "b\n")
        let hookLog = try setup.installSlowHook(seconds: 4)

        // The second push starts while the first is inside the rack (its hook running), so it must wait.
        let git = setup.aliceGit
        let results = try Self.concurrently([
            { try git.git("push", "rack", "master:branch-a", in: first) },
            {
                Setup.waitForHookStart(hookLog)
                return try git.git("push", "rack", "master:branch-b", in: second)
            },
        ])
        let stderrs = results.map(\.stderr)
        #expect(results.allSatisfy { $0.succeeded }, "\(stderrs)")
        #expect(results[1].stderr.contains("Waiting for another push to alices-app to finish"))

        // The hook runs never overlapped: each push started after the other ended.
        let times = try String(contentsOfFile: hookLog, encoding: .utf8).split(separator: "\n")
            .map { Double($0.split(separator: " ")[1])! }
        #expect(times.count == 4)
        #expect(times == times.sorted())

        let refs = try setup.aliceGit.git("ls-remote", setup.aliceGit.url("alices-app")).stdout
        #expect(refs.contains("\(firstSha)\trefs/heads/branch-a"))
        #expect(refs.contains("\(secondSha)\trefs/heads/branch-b"))
        #expect(try Self.fsck(setup: setup).succeeded)
    }

    @Test func aPushWaitingTooLongGivesUpWithAClearMessage() throws {
        let setup = try Setup(extraArguments: ["--push-lock-timeout", "1"])
        let first = try setup.aliceGit.makeRepository("first", app: "alices-app")
        let second = try setup.aliceGit.makeRepository("second", app: "alices-app")
        let hookLog = try setup.installSlowHook(seconds: 6)
        let git = setup.aliceGit
        let results = try Self.concurrently([
            { try git.git("push", "rack", "master:one", in: first) },
            {
                Setup.waitForHookStart(hookLog)
                return try git.git("push", "rack", "master:two", in: second)
            },
        ])
        #expect(results[0].succeeded, "\(results[0].stderr)")
        #expect(!results[1].succeeded)
        #expect(results[1].stderr.contains("Another push to alices-app is still running after 1 s: try again when it ends."))
    }

    @Test func aPushKilledMidwayLeavesTheNextPushWorking() throws {
        let setup = try Setup()
        let repository = try setup.aliceGit.makeRepository("killed", app: "alices-app")
        let hookLog = try setup.installSlowHook(seconds: 30)
        let push = try setup.startPush(in: repository)
        // Wait until the push is inside the rack (its hook started), then kill every process of it there.
        Setup.waitForHookStart(hookLog)
        let sessions = try Shell.run("/usr/bin/pgrep", ["-f", "receive-pack \(setup.rack.home)"]).stdout
            .split(separator: "\n").compactMap { pid in
                try? Shell.run("/usr/bin/ps", ["-o", "sess=", "-p", String(pid)]).stdout.trimmingCharacters(in: .whitespaces)
            }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        try #require(!sessions.isEmpty, "no receive-pack found for \(setup.rack.home)")
        for session in Set(sessions) { try Shell.run("/usr/bin/pkill", ["-KILL", "-s", session]) }
        push.waitUntilExit()
        #expect(push.terminationStatus != 0)

        try FileManager.default.removeItem(atPath: setup.rack.home + "/ssh/hooks/pre-receive")
        let next = try setup.aliceGit.git("push", "rack", "master", in: repository)
        #expect(next.succeeded, "\(next.stderr)")
        #expect(!next.stderr.contains("Waiting for another push"))
        #expect(try Self.fsck(setup: setup).succeeded)
    }

    @Test func aClientThatDisconnectsStopsTheWorkItStarted() throws {
        let setup = try Setup()
        let repository = try setup.aliceGit.makeRepository("gone", app: "alices-app")
        let hookLog = try setup.installSlowHook(seconds: 60)
        let push = try setup.startPush(in: repository)
        Setup.waitForHookStart(hookLog)
        // The client goes away as with a dropped connection: its ssh is killed.
        try Shell.run("/usr/bin/pkill", ["-KILL", "-f", "ssh -p \(setup.rack.sshPort) .*git@127.0.0.1"])
        push.waitUntilExit()

        // Within seconds nothing of the push runs on the rack: not git, not its hook.
        var leftovers = ""
        for _ in 0..<100 {
            leftovers = try Shell.run("/usr/bin/pgrep", ["-af", "receive-pack \(setup.rack.home)|\(setup.rack.home)/ssh/hooks"]).stdout
            if leftovers.isEmpty { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(leftovers.isEmpty)
        #expect(!(try String(contentsOfFile: hookLog, encoding: .utf8)).contains("end"))

        try FileManager.default.removeItem(atPath: setup.rack.home + "/ssh/hooks/pre-receive")
        let next = try setup.aliceGit.git("push", "rack", "master", in: repository)
        #expect(next.succeeded, "\(next.stderr)")
        #expect(!next.stderr.contains("Waiting for another push"))
    }

    @Test func rackdRestartsItsSSHDWhenItDies() throws {
        let setup = try Setup()
        let pidText = try String(contentsOfFile: setup.rack.home + "/ssh/sshd.pid", encoding: .utf8)
        let pid = try #require(Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
        kill(pid, SIGKILL)
        var works = false
        for _ in 0..<100 where !works {
            Thread.sleep(forTimeInterval: 0.1)
            works = try setup.aliceGit.git("ls-remote", setup.aliceGit.url("alices-app")).succeeded
        }
        #expect(works)
        // And stopping rackd stops its sshd.
        setup.rack.stop()
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try Shell.run("/usr/bin/pgrep", ["-f", "sshd -D -e -f \(setup.rack.home)"]).stdout.isEmpty)
    }

    @Test func aRackdKilledWithSIGKILLLeavesNoSSHDBehindOnceRestarted() throws {
        let setup = try Setup()
        let pidText = try String(contentsOfFile: setup.rack.home + "/ssh/sshd.pid", encoding: .utf8)
        let orphan = try #require(Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
        let rackd = try #require(setup.rack.process)
        kill(rackd.processIdentifier, SIGKILL)
        rackd.waitUntilExit()
        #expect(Self.isRunning(orphan))  // the orphan sshd is still there

        try setup.rack.start()
        for _ in 0..<40 where Self.isRunning(orphan) { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!Self.isRunning(orphan))
        let git = try GitClient(home: setup.alice.home, port: setup.rack.sshPort, comment: "alice@laptop")
        #expect(try git.git("ls-remote", git.url("alices-app")).succeeded)
    }

    @Test func theSystemModeTemplateSaysWhatRacksOwnSSHDSays() throws {
        let setup = try Setup()
        let generated = try String(contentsOfFile: setup.rack.home + "/ssh/sshd_config", encoding: .utf8)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let template = try String(contentsOf: repositoryRoot.appendingPathComponent("etc/sshd-rack.conf.template"), encoding: .utf8)
            .replacingOccurrences(of: "@USER@", with: "git").replacingOccurrences(of: "@HOME@", with: setup.rack.home)
        let directives = template.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") && !$0.hasPrefix("Match ") }
        #expect(directives.count >= 10)
        for directive in directives { #expect(generated.contains(directive), "\(directive)") }

        // And OpenSSH accepts the template as a Match block.
        let config = setup.rack.scratch + "/system_sshd_config"
        try (generated.joined(separator: "\n") + "\n" + template).write(toFile: config, atomically: true, encoding: .utf8)
        let check = try Shell.run("/usr/sbin/sshd", ["-t", "-f", config])
        #expect(check.succeeded, "\(check.stderr)")
    }

    /// True while a process runs; a zombie (nothing here reaps orphans) counts as ended.
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return !stat[close...].hasPrefix(") Z")
    }

    /// `git fsck` of the app's bare repository on the rack.
    static func fsck(setup: Setup) throws -> CommandResult {
        let repositories = setup.repositoriesOnDisk.filter { $0.hasSuffix(".git") }
        try #require(repositories.count == 1)
        return try Shell.run("git", ["-c", "safe.directory=*", "-C", setup.rack.home + "/repos/" + repositories[0], "fsck", "--strict"])
    }

    /// Runs the bodies at the same time, each on a thread of its own (not a pool's few); their results in order.
    static func concurrently(_ bodies: [@Sendable () throws -> CommandResult]) throws -> [CommandResult] {
        let results = LockedResults(count: bodies.count)
        let group = DispatchGroup()
        for (index, body) in bodies.enumerated() {
            group.enter()
            Thread.detachNewThread {
                results.set(index, Result { try body() })
                group.leave()
            }
        }
        group.wait()
        return try results.all.map { try $0!.get() }
    }

    final class LockedResults: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Result<CommandResult, any Error>?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: Result<CommandResult, any Error>) { lock.withLock { values[index] = value } }
        var all: [Result<CommandResult, any Error>?] { lock.withLock { values } }
    }
}
