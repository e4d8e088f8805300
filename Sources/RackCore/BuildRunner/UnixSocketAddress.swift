import Foundation

/// A Unix socket address (`sockaddr_un`) for a path, for `bind` and `connect`.
public enum UnixSocketAddress {
    /// - Throws: ``RackError`` `.invalidParams` when the path does not fit (108 bytes with its terminator).
    public static func make(path: String) throws(RackError) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw RackError(.invalidParams, "The socket path \(path) is too long for a Unix socket: use a shorter home.")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        return address
    }

    /// Calls `body` with the address as the `sockaddr` pointer and length the socket calls take.
    public static func with<T>(_ address: inout sockaddr_un, _ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
    }
}
