import Foundation
import RackCore

/// Where the gate writes what it tells nobody else: stderr (sshd keeps AuthorizedKeysCommand's) and, for the
/// forced command, a log in the repositories directory (the SSH user's own), since stderr there is the user's.
struct GateLog: Sendable {
    let file: String?

    func write(_ message: String) {
        let line = Array("\(ISO8601DateFormatter().string(from: Date())) [\(getpid())] \(message)\n".utf8)
        // A log that cannot be written (a full disk) is skipped: the gate goes on.
        if let file {
            let descriptor = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
            if descriptor >= 0 {
                DescriptorWrite.all(line, to: descriptor)
                close(descriptor)
                return
            }
        }
        DescriptorWrite.all(line, to: 2)
    }
}
