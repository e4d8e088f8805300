import Foundation
import RackCore
import Testing

/// The hook's lock tells the runner whether the hook still runs: held while it does, free once it is gone,
/// however it went.
@Suite struct BuildHookLockTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hook-lock-\(UUID().uuidString)").path

    init() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    @Test func aHeldLockIsSeenHeldAndAReleasedOneLeavesNoFile() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/build.hook"
        let lock = try BuildHookLock.hold(at: path)
        #expect(BuildHookLock.isHeld(at: path))
        #expect(!FileManager.default.fileExists(atPath: path + ".new"))
        lock.release()
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!BuildHookLock.isHeld(at: path))
    }

    @Test func theLockOfAKilledHolderIsFreeThoughItsFileStays() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/build.hook"
        let holder = Process()
        // One process holds it: the shell locks its descriptor 9, then becomes `sleep`, keeping it.
        holder.executableURL = URL(fileURLWithPath: "/bin/bash")
        holder.arguments = ["-c", "exec 9>\"$0\" && flock -x 9 && exec sleep 30", path]
        try holder.run()
        let deadline = Date().addingTimeInterval(5)
        while !BuildHookLock.isHeld(at: path), Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(BuildHookLock.isHeld(at: path))
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(!BuildHookLock.isHeld(at: path))
    }
}
