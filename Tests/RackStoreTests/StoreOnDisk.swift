import Foundation
import RackCore
import RackStore

#if canImport(Glibc)
import Glibc
#endif

/// A rack home in a fresh temporary directory, and what the tests read of its files.
struct StoreOnDisk: Sendable {
    let home: RackHome

    init() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rack-store-tests-\(UUID().uuidString)").path
        home = try RackHome(path: path).prepared()
    }

    func open() throws -> RackStore { try RackStore(home: home) }

    /// Removes the directory; call when the test is done with it.
    func remove() { try? FileManager.default.removeItem(atPath: home.path) }

    /// The database's files as they are on disk: `rack.db` and, when present, its `-wal` and `-shm`.
    var databaseFiles: [String] {
        [home.databasePath, home.databasePath + "-wal", home.databasePath + "-shm"].filter {
            FileManager.default.fileExists(atPath: $0)
        }
    }

    /// The database files that contain `text`'s UTF-8 bytes.
    func databaseFiles(containing text: String) throws -> [String] {
        try databaseFiles(containing: Data(text.utf8))
    }

    func databaseFiles(containing bytes: Data) throws -> [String] {
        try databaseFiles.filter { path in try Data(contentsOf: URL(fileURLWithPath: path)).range(of: bytes) != nil }
    }

    /// The permission bits of a file, from `stat(2)`.
    static func permissions(of path: String) -> mode_t? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return status.st_mode & 0o777
    }
}
