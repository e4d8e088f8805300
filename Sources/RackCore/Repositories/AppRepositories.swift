import Foundation

/// The app repositories of a rack: made when an app is created, removed when it is destroyed (with the app's
/// build cache and stored slugs).
public struct AppRepositories: Sendable {
    public let home: RackHome
    /// Who owns the repositories: the SSH user, whom `git receive-pack` runs as.
    public let owner: SystemUser?

    public init(home: RackHome, owner: SystemUser?) {
        self.home = home
        self.owner = owner
    }

    public func repository(appID: String) throws(RackError) -> BareRepository {
        BareRepository(path: try home.repositoryPath(appID: appID))
    }

    public func create(appID: String) throws(RackError) {
        try repository(appID: appID).ensureExists(owner: owner.map { ($0.uid, $0.gid) })
    }

    public func destroy(appID: String) throws(RackError) {
        try repository(appID: appID).destroy()
        // What builds left: the cache and the slugs of an app that no longer exists.
        for leftover in [try home.cachePath(appID: appID), home.slugsDirectory + "/" + appID] {
            try? FileManager.default.removeItem(atPath: leftover)
        }
    }
}
