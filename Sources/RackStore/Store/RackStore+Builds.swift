import Foundation
import GRDB
import RackCore

extension RackStore {
    /// An app's builds, oldest first.
    public func builds(appID: String) async throws(RackError) -> [BuildRecord] {
        try await read { db in
            try BuildRecord.filter(BuildRecord.CodingKeys.appID == appID).order(BuildRecord.CodingKeys.createdAt).fetchAll(db)
        }
    }

    /// One build of an app by id; nil when the app has none such.
    public func build(appID: String, id: String) async throws(RackError) -> BuildRecord? {
        try await read { db in try BuildRecord.filter(BuildRecord.CodingKeys.appID == appID).filter(key: id).fetchOne(db) }
    }
}

extension RackStore {
    /// Opens a build of a pushed commit: pending, with a fresh token that may finish it and nothing else.
    ///
    /// - Returns: the build and its token (the store keeps only the token's hash).
    public func openBuild(
        appID: String, userID: String, branch: String, commit: String, description: String
    ) async throws(RackError) -> (build: BuildRecord, token: BuildToken) {
        let token = BuildToken.generate()
        let build = try await write { db in
            guard let app = try AppRecord.fetchOne(db, key: appID) else { throw RackError(.notFound, "Couldn't find that app.") }
            let now = Date()
            let build = BuildRecord(
                id: RackStore.newID(), appID: appID, userID: userID, status: .pending, commit: commit,
                commitDescription: String(description.prefix(500)), buildpack: nil, stack: app.stack, slugID: nil,
                slugSize: nil, slugChecksum: nil, releaseID: nil, output: "", createdAt: now, updatedAt: now,
                finishedAt: nil, tokenHash: Data(token.hash), branch: branch)
            try build.insert(db)
            return build
        }
        return (build, token)
    }

    /// The running build a token belongs to.
    ///
    /// - Throws: ``RackError`` `.unauthorized` when the token is not this build's, or the build has ended.
    public func build(id: String, token: BuildToken) async throws(RackError) -> BuildRecord {
        try await read { db in try Self.runningBuild(db, id: id, token: token) }
    }

    /// Marks a pending build as building: the build runner took it.
    ///
    /// - Throws: ``RackError`` `.unauthorized` when the token is not this build's or the build has ended.
    @discardableResult
    public func startBuild(id: String, token: BuildToken) async throws(RackError) -> BuildRecord {
        try await write { db in
            var build = try Self.runningBuild(db, id: id, token: token)
            build.status = .building
            build.updatedAt = Date()
            try build.update(db)
            return build
        }
    }

    /// Records what a build made: its buildpack, its stored slug, its process types and the config vars its
    /// buildpack suggests. Done by the build runner, before the build asks for its release.
    public func recordSlug(
        buildID: String, token: BuildToken, buildpacks: [BuildResource.Buildpack], slug: (id: String, size: Int, sha256: String),
        processTypes: [String: String], releaseConfig: [String: String]
    ) async throws(RackError) {
        try await write { db in
            var build = try Self.runningBuild(db, id: buildID, token: token)
            build.buildpack = String(decoding: try JSONEncoder().encode(buildpacks), as: UTF8.self)
            build.slugID = slug.id
            build.slugSize = slug.size
            build.slugChecksum = "SHA256:" + slug.sha256
            build.processTypesJSON = String(decoding: try JSONEncoder().encode(processTypes), as: UTF8.self)
            build.releaseConfigJSON = String(decoding: try JSONEncoder().encode(releaseConfig), as: UTF8.self)
            build.updatedAt = Date()
            try build.update(db)
        }
    }

    /// Ends a build that did not release: failed (or cancelled), with its output. Its token opens nothing after.
    public func failBuild(id: String, token: BuildToken, status: BuildRecord.Status, output: String) async throws(RackError) {
        guard status == .failed || status == .cancelled else {
            throw RackError(.invalidParams, "A build ends without a release as failed or cancelled, not \(status.rawValue).")
        }
        try await write { db in
            var build = try Self.runningBuild(db, id: id, token: token)
            build.end(as: status, output: output)
            try build.update(db)
        }
    }

    /// Releases a build that recorded its slug: release vN with the slug, commit, process types and the app's
    /// config (plus the buildpack's suggested config vars the user has not set), all in one transaction. The
    /// first release also fixes the app's deploy branch.
    ///
    /// - Throws: ``RackError`` `.unauthorized` for a wrong token or an ended build, `.conflict` when the build
    ///   has no slug yet.
    public func releaseBuild(id: String, token: BuildToken, output: String) async throws(RackError) -> ReleaseRecord {
        try await write { db in
            var build = try Self.runningBuild(db, id: id, token: token)
            guard let slugID = build.slugID, let commit = build.commit else {
                throw RackError(.conflict, "This build has no slug to release yet.")
            }
            guard var app = try AppRecord.fetchOne(db, key: build.appID) else { throw RackError(.notFound, "Couldn't find that app.") }
            var config = try self.configVars(db, appID: app.id)
            let suggested = build.releaseConfigJSON.flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) } ?? [:]
            for (name, value) in suggested.sorted(by: { $0.key < $1.key }) where config[name] == nil {
                guard (try? ConfigVarName(validating: name)) != nil, value.utf8.count <= RackStore.largestConfigValue else { continue }
                try self.saveConfigVar(db, appID: app.id, name: name, value: value)
                config[name] = value
            }
            let release = try self.appendRelease(
                db, appID: app.id, userID: build.userID, description: "Deploy \(commit.prefix(8))", buildID: build.id,
                slugID: slugID, commit: commit, processTypes: build.processTypes, config: config)
            if app.deployBranch == nil, let branch = build.branch {
                app.deployBranch = branch
                try app.update(db)
            }
            build.releaseID = release.id
            build.end(as: .succeeded, output: output)
            try build.update(db)
            return release
        }
    }

    /// Ends every build that had not ended (rackd stopped while they ran) as failed, with `note` after their output.
    ///
    /// - Returns: the builds it ended.
    public func failUnfinishedBuilds(note: String) async throws(RackError) -> [BuildRecord] {
        try await write { db in
            let unfinished = try BuildRecord.filter([BuildRecord.Status.pending.rawValue, BuildRecord.Status.building.rawValue].contains(BuildRecord.CodingKeys.status)).fetchAll(db)
            return try unfinished.map { build in
                var ended = build
                ended.end(as: .failed, output: build.output + (build.output.isEmpty || build.output.hasSuffix("\n") ? "" : "\n") + note + "\n")
                try ended.update(db)
                return ended
            }
        }
    }

    /// Builds opened for a push whose hook has not handed them to the build runner yet.
    public func pendingBuilds() async throws(RackError) -> [BuildRecord] {
        try await read { db in
            try BuildRecord.filter(BuildRecord.CodingKeys.status == BuildRecord.Status.pending.rawValue).fetchAll(db)
        }
    }

    /// Ends a build the runner never got (its hook ended first) as cancelled, with `note` as its output.
    ///
    /// - Returns: whether it ended it: false when the build had started or ended meanwhile.
    public func abandonBuild(id: String, note: String) async throws(RackError) -> Bool {
        try await write { db in
            guard var build = try BuildRecord.fetchOne(db, key: id), build.status == .pending else { return false }
            build.end(as: .cancelled, output: note)
            try build.update(db)
            return true
        }
    }

    /// The build `id` if `token` is its token and it has not ended.
    static func runningBuild(_ db: Database, id: String, token: BuildToken) throws -> BuildRecord {
        guard let build = try BuildRecord.fetchOne(db, key: id), let hash = build.tokenHash, !build.status.isFinished,
            token.matches(hash: Array(hash))
        else { throw RackError(.unauthorized, "This build token is not valid for build \(id.prefix(36)), or the build has ended.") }
        return build
    }
}
