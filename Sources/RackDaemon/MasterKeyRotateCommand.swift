import ArgumentParser
import Foundation
import RackCore
import RackStore

/// `rackd master-key:rotate`: a new master key, and every config value and release snapshot sealed again under
/// it in one transaction. Run it with rackd stopped; a rotation cut short is finished (or undone) at the next
/// start, so the database and the key never disagree.
struct MasterKeyRotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "master-key:rotate",
        abstract: "Replace the master key, sealing every stored secret again under the new one (stop rackd first).")

    @OptionGroup var home: HomeOption

    func run() async throws {
        let home = try home.resolve()
        let lock = try ServeLock(home: home, purpose: "stop it before rotating the master key")
        defer { close(lock.descriptor) }
        let store = try RackStore(home: home)
        let newKey = try SecretFile(path: home.nextMasterKeyPath, byteCount: 32).create()
        let count = try await store.reseal(under: newKey)
        guard rename(home.nextMasterKeyPath, home.masterKeyPath) == 0 else {
            throw RackError(.internalError, "Sealed \(count) secrets under the new key but cannot rename \(home.nextMasterKeyPath) to \(home.masterKeyPath): do it yourself before starting rackd.")
        }
        print("Rotated the master key: \(count) secrets sealed again. Back up master.key with the database now.")
    }
}
