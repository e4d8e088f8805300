import Foundation
import RackCore

/// Where the gate writes what it tells nobody else: stderr (sshd keeps AuthorizedKeysCommand's) and, for the
/// forced command, a log in the repositories directory (the SSH user's own), since stderr there is the user's.
struct GateLog: Sendable {
    let file: String?

    func write(_ message: String) {
        let line = "\(ISO8601DateFormatter().string(from: Date())) [\(getpid())] \(message)\n"
        if let file, let handle = FileHandle(forWritingAtPath: file) ?? Self.create(file) {
            handle.seekToEndOfFile()
            handle.write(Data(line.utf8))
            try? handle.close()
        } else {
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    private static func create(_ file: String) -> FileHandle? {
        _ = FileManager.default.createFile(atPath: file, contents: nil, attributes: [.posixPermissions: 0o600])
        return FileHandle(forWritingAtPath: file)
    }
}
