import Glibc

/// Writes to a file descriptor without trapping (Foundation's `FileHandle.write` traps on a full disk or a
/// closed pipe): all of the bytes, through short writes and interruptions, or false.
public enum DescriptorWrite {
    @discardableResult
    public static func all(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    /// A line of text on stderr.
    public static func standardError(_ line: String) {
        all(Array((line.hasSuffix("\n") ? line : line + "\n").utf8), to: 2)
    }
}
