import Foundation
import RackCore
import RackStore

/// Ends the builds whose hook was killed before it handed them to the runner (while it checked the commit out,
/// say): every few seconds, each pending build whose hook no longer holds its ``BuildHookLock`` ends as
/// cancelled, and its checkout and lock file are removed. Builds the runner has are its own to end.
struct AbandonedBuildSweeper {
    let home: RackHome
    let store: RackStore
    /// How often it looks.
    static let interval: TimeInterval = 3
    /// A pending build with no lock file at all is given this long: its hook takes the lock just after it opens it.
    static let grace: TimeInterval = 60
    static let note = " !     The push ended before its build started: push again.\n"

    /// Sweeps every ``interval`` seconds on a thread of its own, for as long as rackd runs.
    func start() {
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: Self.interval)
                sweep()
            }
        }
        thread.name = "build-sweeper"
        thread.start()
    }

    /// One pass over the pending builds.
    func sweep() {
        let store = self.store
        guard let pending = try? AsyncBridge.wait({ try await store.pendingBuilds() }) else { return }
        for build in pending {
            guard let checkout = try? home.buildPath(buildID: build.id), let lock = try? home.hookLockPath(buildID: build.id) else { continue }
            if BuildHookLock.isHeld(at: lock) { continue }
            if !FileManager.default.fileExists(atPath: lock), Date().timeIntervalSince(build.createdAt) < Self.grace { continue }
            let id = build.id
            guard (try? AsyncBridge.wait({ try await store.abandonBuild(id: id, note: Self.note) })) == true else { continue }
            BuildWorkspace.removeCheckout(checkout)
        }
    }
}
