import Foundation
import RackCore

/// The hook's connection to the build runner's Unix socket.
struct RunnerConnection {
    static let gone = RackError(.unavailable, "The build runner stopped before the build ended: ask the rack's operator to check rackd, then push again.")

    let descriptor: Int32

    init(path: String) throws(RackError) {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw RackError(.unavailable, "Cannot reach the build runner (errno \(errno)).") }
        var address: sockaddr_un
        do { address = try UnixSocketAddress.make(path: path) } catch {
            Glibc.close(descriptor)
            throw RackError(.unavailable, error.message)
        }
        let connected = UnixSocketAddress.with(&address) { connect(descriptor, $0, $1) }
        guard connected == 0 else {
            Glibc.close(descriptor)
            throw RackError(.unavailable, "The build runner is not running (\(String(cString: strerror(errno)))): ask the rack's operator to check rackd, then push again.")
        }
    }

    func close() { Glibc.close(descriptor) }
}
