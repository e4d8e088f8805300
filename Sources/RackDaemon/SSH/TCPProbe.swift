import Foundation
import RackCore

/// Loopback TCP checks: whether something accepts connections on an address, and a free port to listen on.
enum TCPProbe {
    /// True when a TCP connection to the IPv4 address succeeds.
    static func accepts(_ address: HostAndPort) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        target.sin_port = in_port_t(UInt16(address.port).bigEndian)
        guard inet_pton(AF_INET, address.host, &target.sin_addr) == 1 else { return false }
        return withUnsafePointer(to: &target) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// A port on the IPv4 host that nothing listens on now (the kernel's pick for port 0).
    static func freePort(host: String) throws(RackError) -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw RackError(.internalError, "Cannot open a socket to find a free port.") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            throw RackError(.invalidParams, "SSH address \(host) is not an IPv4 address: port 0 needs one, e.g. 127.0.0.1:0.")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 }
        }
        guard bound, withUnsafeMutablePointer(to: &address, {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) == 0 }
        }) else { throw RackError(.internalError, "Cannot find a free port on \(host).") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
