import Foundation
import RackCore
import RackStore

extension AccountResource {
    init(_ user: UserRecord) {
        self.init(id: user.id, email: user.email, name: user.name, createdAt: user.createdAt, updatedAt: user.updatedAt)
    }
}

extension KeyResource {
    init(_ key: KeyRecord, email: String) {
        self.init(
            id: key.id, comment: key.comment, email: email, fingerprint: key.fingerprint, publicKey: key.publicKeyLine,
            createdAt: key.createdAt, updatedAt: key.updatedAt)
    }
}

extension AppResource {
    init(_ app: AppRecord, owner: UserRecord, settings: APISettings, slugSize: Int?) {
        self.init(
            id: app.id, name: app.name, owner: UserReference(id: owner.id, email: owner.email),
            gitURL: settings.gitURL(appName: app.name), webURL: nil,
            stack: NamedReference(id: "00000000-0000-0000-0000-000000000024", name: app.stack),
            maintenance: app.maintenance, deployBranch: app.deployBranch, slugSize: slugSize, createdAt: app.createdAt,
            updatedAt: app.updatedAt, releasedAt: app.releasedAt)
    }
}

extension CollaboratorResource {
    init(_ record: CollaboratorRecord, user: UserRecord, role: String, app: AppRecord) {
        self.init(
            id: record.id, app: NamedReference(id: app.id, name: app.name), user: .init(id: user.id, email: user.email),
            role: role, createdAt: record.createdAt, updatedAt: record.updatedAt)
    }
}

extension ReleaseResource {
    init(_ release: ReleaseRecord, app: AppRecord, user: UserReference, isCurrent: Bool) {
        self.init(
            id: release.id, version: release.version, description: release.description, current: isCurrent,
            app: NamedReference(id: app.id, name: app.name), user: user, slug: release.slugID.map(IdentifierReference.init),
            processTypes: release.processTypes, commit: release.commit, createdAt: release.createdAt,
            updatedAt: release.createdAt)
    }
}

extension BuildResource {
    init(_ build: BuildRecord, user: UserReference, releaseVersion: Int?) {
        self.init(
            id: build.id, app: IdentifierReference(id: build.appID), status: build.status.rawValue,
            sourceBlob: SourceBlob(
                checksum: nil, url: nil, version: build.commit, versionDescription: build.commitDescription),
            buildpacks: build.buildpacks, stack: build.stack, user: user,
            release: build.releaseID.map(IdentifierReference.init), slug: build.slugID.map(IdentifierReference.init),
            outputStreamURL: nil, slugSize: build.slugSize, releaseVersion: releaseVersion, createdAt: build.createdAt, updatedAt: build.updatedAt,
            finishedAt: build.finishedAt)
    }
}
