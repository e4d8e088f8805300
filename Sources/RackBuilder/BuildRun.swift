import Foundation
import RackBuild
import RackCore
import RackSlug
import RackStore

/// One build, run for a push's pre-receive hook over the runner's socket: check the token, take over the
/// checkout, apply `.slugignore`, choose the buildpacks, detect, compile and release in the sandbox, read the
/// Procfile, pack and store the slug, and record it on the build. The hook then asks the API for the release.
///
/// Every failure is printed as Heroku does and ends the build as failed; a hook that hangs up cancels it.
final class BuildRun {
    let settings: BuildRunnerSettings
    let store: RackStore
    let storage: any SlugStorage
    let output: BuildOutput

    /// What `bin/detect` called the app, for the closing message.
    private var framework: String?
    /// What the build leaves to undo (its cgroup, its directories), done once the hook has its answer, last first.
    private var cleanups: [() -> Void] = []
    private var appName = "the"
    /// The storage key of the slug once the build stored one.
    private var slugKey: String?

    init(settings: BuildRunnerSettings, store: RackStore, storage: any SlugStorage, output: BuildOutput) {
        self.settings = settings
        self.store = store
        self.storage = storage
        self.output = output
    }

    /// Runs the build asked for by `request`, and tells the hook how it ended.
    func run(_ request: BuildRunRequest) {
        guard let token = BuildToken(parsing: request.token) else {
            output.error("This build token is not valid.")
            output.finish(BuildRunResult(succeeded: false))
            return
        }
        let store = self.store
        let build: BuildRecord
        do {
            build = try AsyncBridge.wait { try await store.startBuild(id: request.buildID, token: token) }
        } catch {
            output.error(error.message)
            output.finish(BuildRunResult(succeeded: false))
            return
        }
        do {
            try runStages(build: build, token: token)
        } catch {
            if let slugKey { storage.remove(key: slugKey) }
            if output.hookHasHungUp() {
                cleanUp()
                end(build, token: token, as: .cancelled, note: Self.cancelled)
                return
            }
            output.error(error.message)
            output.error("Push rejected, failed to compile \(framework ?? appName) app.")
            output.finish(BuildRunResult(succeeded: false))
            cleanUp()
            awaitEnd(of: build, token: token, unended: .failed, note: nil, slugKey: nil)
            return
        }
        output.finish(BuildRunResult(succeeded: true))
        cleanUp()
        awaitEnd(of: build, token: token, unended: .cancelled, note: Self.cancelledBeforeRelease, slugKey: slugKey)
    }

    /// Ends the build's processes and removes its cgroup and directories, last made first.
    private func cleanUp() {
        for cleanup in cleanups.reversed() { cleanup() }
        cleanups = []
    }

    /// Once it has the answer, the hook ends the build through the API (its release, or its failure with all the
    /// push printed) and hangs up. A build that has not ended by then (the hook was killed, or the API was gone or
    /// could not write) ends here as `unended`, and its slug, which no release references, is removed.
    private func awaitEnd(of build: BuildRecord, token: BuildToken, unended: BuildRecord.Status, note: String?, slugKey: String?) {
        output.waitForHangUp(timeout: Self.hookWait)
        let store = self.store
        guard let status = try? AsyncBridge.wait({ try await store.build(appID: build.appID, id: build.id)?.status }),
            status != .succeeded
        else { return }
        // Only a build known to have ended unreleased loses its slug.
        let endedUnreleased = status.isFinished || end(build, token: token, as: unended, note: note)
        if let slugKey, endedUnreleased { storage.remove(key: slugKey) }
    }

    /// Ends the build as `status`, its output what it printed and then `note`. While Rack's store cannot write
    /// (a full disk), it tries again every 2 s for up to 10 minutes, so that the record is right once there is
    /// room; after that, rackd's next start ends it.
    ///
    /// - Returns: whether it ended the build (false when it had ended meanwhile, or the store never could write).
    @discardableResult
    private func end(_ build: BuildRecord, token: BuildToken, as status: BuildRecord.Status, note: String?) -> Bool {
        let store = self.store
        let text = output.transcript.text
        let printed = text + (note == nil || text.isEmpty || text.hasSuffix("\n") ? "" : "\n") + (note ?? "")
        let deadline = Date().addingTimeInterval(600)
        repeat {
            do {
                try AsyncBridge.wait { try await store.failBuild(id: build.id, token: token, status: status, output: printed) }
                return true
            } catch where error.code == .unavailable {
                sleep(2)
            } catch {
                return false
            }
        } while Date() < deadline
        return false
    }

    /// How long the runner waits for the hook to end the build through the API (the API's own timeout is shorter).
    static let hookWait: Int32 = 120
    static let cancelled = " !     The push was cancelled.\n"
    static let cancelledBeforeRelease = " !     The push ended before its build was released: push again.\n"

    private func runStages(build: BuildRecord, token: BuildToken) throws(RackError) {
        let store = self.store
        guard let app = try AsyncBridge.wait({ try await store.app(build.appID) }) else {
            throw RackError(.notFound, "The app of this build was destroyed.")
        }
        appName = app.name
        let config = try AsyncBridge.wait { try await store.configVars(appID: app.id) }

        let user = try BuildUser(named: settings.buildUserName, sshUser: settings.sshUser)
        let limits = try settings.limits.applying(app.buildLimits).validated()
        let workspace = try BuildWorkspace(home: settings.home, buildID: build.id, appID: app.id, sshUser: settings.sshUser, buildUser: user)
        cleanups.append { workspace.remove() }
        let cgroup = try BuildCgroup(name: "rack-build-\(build.id)", limits: limits)
        // However the build ends: every process in its group ended, the group removed.
        cleanups.append { cgroup.destroy() }
        let watchdog = BuildWatchdog(limits: limits, directories: [workspace.appDirectory, workspace.cacheDirectory], output: output)
        let sandbox = BuildSandbox(
            user: user, workspace: workspace, limits: limits, cgroup: cgroup, watchdog: watchdog, stack: build.stack,
            sourceVersion: build.commit ?? "")
        output.step("Building on the \(Self.stackTitle(build.stack)) stack")

        try applySlugIgnore(in: workspace.appDirectory)
        let fetcher = BuildpackFetcher(cacheDirectory: settings.home.buildpacksDirectory, user: user)
        let buildpacks = try BuildpackChooser(workspace: workspace, sandbox: sandbox, fetcher: fetcher, output: output)
            .choose(config: config, installed: settings.installedBuildpacks)
        framework = buildpacks.last?.name
        try workspace.writeEnvironment(config)

        for (index, buildpack) in buildpacks.enumerated() {
            let exports = buildpacks[..<index].map { $0.path + "/export" }
            try compile(buildpack, after: exports, in: sandbox)
        }
        let release = try releaseOutput(of: buildpacks.last!, in: sandbox)
        let procfile = try AppFile.read("Procfile", in: workspace.appDirectory, largest: Procfile.largest).map { text throws(RackError) in
            try Procfile(parsing: text)
        }
        let processTypes = ProcessTypes(procfile: procfile, release: release)
        output.step("Discovering process types")
        output.detail(processTypes.summary)

        output.step("Compressing...")
        let slugID = UUID().uuidString.lowercased()
        let key = "\(app.id)/\(slugID).tgz"
        let slug = try SlugPacker().pack(directory: workspace.appDirectory, to: try storage.sink(forKey: key), limit: settings.slugLimit)
        slugKey = key
        output.detail("Done: \(SlugSize.describe(slug.size))")
        let used = buildpacks.map { BuildResource.Buildpack(url: $0.origin, name: $0.name) }
        try AsyncBridge.wait {
            try await store.recordSlug(
                buildID: build.id, token: token, buildpacks: used, slug: (key, slug.size, slug.sha256),
                processTypes: processTypes.types, releaseConfig: release.configVars)
        }
    }

    /// Removes what `.slugignore` names before anything runs, as Heroku does.
    private func applySlugIgnore(in appDirectory: String) throws(RackError) {
        guard let text = try AppFile.read(".slugignore", in: appDirectory, largest: SlugIgnore.largest) else { return }
        let ignore = try SlugIgnore(parsing: text)
        guard !ignore.isEmpty else { return }
        var removed = 0
        FileTree.walk(appDirectory) { relative, _ in
            guard ignore.ignores(relative) else { return true }
            FileTree.remove(appDirectory + "/" + relative)
            removed += 1
            return false
        }
        if removed > 0 { output.step("Removed \(removed) path\(removed == 1 ? "" : "s") listed in .slugignore") }
    }

    private func compile(_ buildpack: SelectedBuildpack, after exports: [String], in sandbox: BuildSandbox) throws(RackError) {
        let compile = buildpack.path + "/bin/compile"
        let arguments = [BuildSandbox.appPath, BuildSandbox.cachePath, BuildSandbox.envPath]
        let command: [String]
        if exports.isEmpty {
            command = [compile] + arguments
        } else {
            // Each earlier buildpack's `export` is sourced, in order, before this one compiles.
            let sourcing = "for e in \(exports.joined(separator: " ")); do if [ -f \"$e\" ]; then . \"$e\"; fi; done; exec \"$0\" \"$@\""
            command = ["/usr/bin/bash", "-c", sourcing, compile] + arguments
        }
        let status = try sandbox.stream(command) { chunk in output.bytes(chunk) }
        guard status == 0 else {
            throw RackError(.invalidParams, "The \(buildpack.name) buildpack's bin/compile failed (exit status \(status)).")
        }
    }

    /// The last buildpack's `bin/release` output; a buildpack without the script releases nothing.
    private func releaseOutput(of buildpack: SelectedBuildpack, in sandbox: BuildSandbox) throws(RackError) -> ReleaseOutput {
        guard sandbox.buildpack(buildpack.path, has: "bin/release") else { return .empty }
        let result = try sandbox.capture([buildpack.path + "/bin/release", BuildSandbox.appPath], limit: ReleaseOutput.largest + 1)
        guard result.status == 0 else {
            throw RackError(.invalidParams, "The \(buildpack.name) buildpack's bin/release failed (exit status \(result.status)).")
        }
        guard result.output.count <= ReleaseOutput.largest else {
            throw RackError(.invalidParams, "The \(buildpack.name) buildpack's bin/release printed more than \(ReleaseOutput.largest / 1024) KiB.")
        }
        return try ReleaseOutput(parsing: String(decoding: result.output, as: UTF8.self))
    }

    /// `heroku-24` → `Heroku-24`.
    static func stackTitle(_ stack: String) -> String {
        stack.prefix(1).uppercased() + stack.dropFirst()
    }
}
