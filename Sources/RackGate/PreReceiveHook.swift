import Foundation
import NIOCore
import RackClient
import RackCore

/// The pre-receive hook of every app repository (`rack-hook`, run by git-receive-pack as the SSH user, inside
/// git's quarantine environment): it reads the pushed ref updates, asks the API which of them build, checks the
/// deploy commit out, has the build runner build it, and asks the API for the release with the build's token.
///
/// A non-zero exit makes git refuse every ref of the push: nothing moves unless the build released.
public struct PreReceiveHook {
    let environment: [String: String]
    let transcript = Transcript()

    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// Runs the hook on the ref updates git wrote to stdin; returns the exit status.
    public func run(updates input: String) async -> Int32 {
        guard let homePath = environment["RACK_HOME"], let appID = environment["RACK_APP_ID"],
            let userID = environment["RACK_USER_ID"], let appName = environment["RACK_APP"]
        else {
            say(" !     This repository's hook runs only for pushes through Rack's SSH gate.")
            return 1
        }
        let home = RackHome(path: homePath)
        let settings: GateSettings
        do { settings = try GateSettings.load(home: home) } catch {
            say(" !     Rack is unavailable right now; try again shortly.")
            return 1
        }
        let timeout = TimeAmount.milliseconds(Int64(settings.apiTimeout * 1000))
        let gate = RackAPIClient(apiURL: settings.apiURL, internalSecret: settings.secret, timeout: timeout)

        let updates = parse(input)
        let plan: InternalPushPlan
        do {
            plan = try await gate.gatePush(appID: appID, request: InternalPushRequest(userID: userID, updates: updates))
        } catch {
            say(" !     \(error.code == .unavailable ? "Rack is unavailable right now; try again shortly." : error.message)")
            return 1
        }
        for step in plan.steps {
            switch step.action {
            case .pass: say("-----> \(step.message ?? "Pushed \(step.ref).")")
            case .refuse: say(" !     \(step.message ?? "Pushing \(step.ref) is not allowed.")")
            case .build: break
            }
        }
        if plan.steps.contains(where: { $0.action == .refuse }) { return 1 }
        guard let build = plan.build else { return 0 }
        return await deploy(build, appName: appName, home: home, settings: settings, timeout: timeout)
    }

    private func deploy(_ build: InternalPushPlan.OpenedBuild, appName: String, home: RackHome, settings: GateSettings, timeout: TimeAmount) async -> Int32 {
        let client = RackAPIClient(apiURL: settings.apiURL, buildToken: build.token, timeout: timeout)
        say("-----> Building \(appName) from \(build.commit.prefix(8))...")
        let succeeded: Bool
        // Open until the API has answered the release (or failure) call: the runner waits for it to close, and
        // ends the build and removes its slug itself when the hook goes away before that.
        var runner: RunnerConnection?
        defer { runner?.close() }
        do {
            // Held until the hook ends: if it is killed before the runner has the build, the runner ends the build.
            let lock = try BuildHookLock.hold(at: home.hookLockPath(buildID: build.id))
            defer { lock.release() }
            let directory = try home.buildPath(buildID: build.id)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            try checkout(build.commit, into: directory)
            let connection = try RunnerConnection(path: home.runnerSocketPath)
            runner = connection
            succeeded = try runBuild(build, over: connection)
        } catch {
            for line in error.message.split(separator: "\n") { say(" !     \(line)") }
            say(" !     Push rejected, failed to compile \(appName) app.")
            succeeded = false
        }
        guard succeeded else {
            try? await client.failBuild(id: build.id, cancelled: false, output: transcript.text)
            return 1
        }
        do {
            let release = try await client.releaseBuild(id: build.id, output: transcript.text)
            say("-----> Launching...")
            say("       Released v\(release.version)")
            return 0
        } catch {
            say(" !     The build succeeded but its release failed: \(error.message)")
            say(" !     Push rejected: nothing was deployed; push again.")
            try? await client.failBuild(id: build.id, cancelled: false, output: transcript.text)
            return 1
        }
    }

    /// Checks the pushed commit out into the build's directory with an index of its own (the bare repository
    /// and its refs are untouched; in quarantine, new objects are readable but no ref may move).
    private func checkout(_ commit: String, into directory: String) throws(RackError) {
        guard mkdir(directory, 0o700) == 0 else {
            throw RackError(.unavailable, "Cannot create the build directory (\(String(cString: strerror(errno)))): check the disk.")
        }
        let index = directory + ".index"
        defer { unlink(index) }
        var git = environment
        git["GIT_INDEX_FILE"] = index
        // One git: the whole tree of the commit into the directory (through a throwaway index; HEAD stays).
        do {
            try Git.run(["--work-tree=\(directory)", "checkout", "--force", commit, "--", "."], environment: git, failure: "Cannot check out \(commit.prefix(8))")
        } catch {
            if let free = FreeSpace.available(at: directory), free < 1 << 20 {
                throw RackError(
                    .unavailable,
                    "No space left on device for the checkout of \(commit.prefix(8)): Rack's disk is full. Ask the rack's operator to free space, then push again.")
            }
            throw error
        }
        if FileManager.default.fileExists(atPath: directory + "/.gitmodules") {
            say(" !     This app has git submodules (see .gitmodules): Rack does not fetch submodules yet, so they are empty in the build.")
        }
    }

    /// Asks the build runner to build, relaying its output as it comes.
    ///
    /// - Returns: whether the slug was made and recorded.
    private func runBuild(_ build: InternalPushPlan.OpenedBuild, over connection: RunnerConnection) throws(RackError) -> Bool {
        let request = try BuildRunnerFrame(kind: .request, json: BuildRunRequest(buildID: build.id, token: build.token))
        guard request.write(to: connection.descriptor) else { throw RunnerConnection.gone }
        while let frame = BuildRunnerFrame.read(from: connection.descriptor) {
            switch frame.kind {
            case .output: emit(frame.payload)
            case .result: return try frame.decode(BuildRunResult.self).succeeded
            case .request: throw RunnerConnection.gone
            }
        }
        throw RunnerConnection.gone
    }

    /// `OLD NEW REF` lines, each with the new commit's subject.
    private func parse(_ input: String) -> [InternalPushRequest.Update] {
        input.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count == 3 else { return nil }
            let new = String(fields[1])
            let subject = new == DeployDecision.noObject ? nil : try? Git.output(["log", "-1", "--format=%s", new], environment: environment)
            return InternalPushRequest.Update(old: String(fields[0]), new: new, ref: String(fields[2]), subject: subject.map { String($0.prefix(500)) })
        }
    }

    private func say(_ line: String) { emit(Array((line + "\n").utf8)) }

    private func emit(_ bytes: [UInt8]) {
        transcript.append(bytes)
        DescriptorWrite.all(bytes, to: 1)
    }
}
