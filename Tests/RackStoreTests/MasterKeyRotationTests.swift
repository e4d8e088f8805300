import Foundation
import RackCore
import RackStore
import Testing

/// Sealing every secret again under a new master key, and finishing or undoing a rotation cut short.
@Suite("Rotating the master key")
struct MasterKeyRotationTests {
    /// A store on disk with one app, two config vars and the releases their changes made.
    static func populated() async throws -> (disk: StoreOnDisk, appID: String) {
        let disk = try StoreOnDisk()
        let store = try disk.open()
        let user = try await store.createUser(email: "alice@example.com")
        let app = try await store.createApp(name: try AppName(validating: "keyed"), ownerID: user.id)
        _ = try await store.updateConfigVars(appID: app.id, changes: ["DATABASE_URL": "postgres://secret"], userID: user.id)
        _ = try await store.updateConfigVars(appID: app.id, changes: ["API_KEY": "k3y"], userID: user.id)
        return (disk, app.id)
    }

    @Test("After a rotation only the new key opens the config and the release snapshots")
    func rotation() async throws {
        let (disk, appID) = try await Self.populated()
        defer { disk.remove() }
        let oldKey = try disk.home.masterKey()
        let store = try disk.open()
        let newKey = try SecretFile(path: disk.home.nextMasterKeyPath, byteCount: 32).create()
        #expect(try await store.reseal(under: newKey) == 5)  // 2 vars + 3 release snapshots
        #expect(rename(disk.home.nextMasterKeyPath, disk.home.masterKeyPath) == 0)

        let reopened = try disk.open()
        #expect(try await reopened.configVars(appID: appID) == ["DATABASE_URL": "postgres://secret", "API_KEY": "k3y"])
        let releases = try await reopened.releases(appID: appID)
        #expect(try reopened.configSnapshot(of: releases.last!) == ["DATABASE_URL": "postgres://secret", "API_KEY": "k3y"])
        #expect(try disk.home.masterKey() != oldKey)
        #expect(StoreOnDisk.permissions(of: disk.home.masterKeyPath) == 0o600)
    }

    @Test("A rotation cut short after the database was sealed again is finished at the next open")
    func finishesACutShortRotation() async throws {
        let (disk, appID) = try await Self.populated()
        defer { disk.remove() }
        let store = try disk.open()
        let newKey = try SecretFile(path: disk.home.nextMasterKeyPath, byteCount: 32).create()
        _ = try await store.reseal(under: newKey)
        // The process died before renaming the key: the next open takes the new key.
        let reopened = try disk.open()
        #expect(try await reopened.configVars(appID: appID)["API_KEY"] == "k3y")
        #expect(try disk.home.masterKey() == newKey)
        #expect(!FileManager.default.fileExists(atPath: disk.home.nextMasterKeyPath))
    }

    @Test("A rotation cut short before the database changed is undone at the next open")
    func undoesARotationThatNeverSealed() async throws {
        let (disk, appID) = try await Self.populated()
        defer { disk.remove() }
        let oldKey = try disk.home.masterKey()
        _ = try SecretFile(path: disk.home.nextMasterKeyPath, byteCount: 32).create()
        let reopened = try disk.open()
        #expect(try await reopened.configVars(appID: appID)["DATABASE_URL"] == "postgres://secret")
        #expect(try disk.home.masterKey() == oldKey)
        #expect(!FileManager.default.fileExists(atPath: disk.home.nextMasterKeyPath))
    }
}
