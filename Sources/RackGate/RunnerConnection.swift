import Foundation
import RackCore

/// The hook's connection to the build runner's Unix socket.
struct RunnerConnection {
    static let gone = RackError(.unavailable, "The build runner stopped before the build ended: ask the rack's operator to check rackd, then push again.")

    let descriptor: Int32

    init(path: String) throws(RackError) {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw RackError(.unavailable, "Cannot reach the build runner (errno \(errno)).") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            Glibc.close(descriptor)
            throw RackError(.unavailable, "The build runner's socket path is too long.")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            Glibc.close(descriptor)
            throw RackError(.unavailable, "The build runner is not running (\(String(cString: strerror(errno)))): ask the rack's operator to check rackd, then push again.")
        }
    }

    func close() { Glibc.close(descriptor) }
}
