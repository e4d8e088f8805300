import Glibc

/// Free space on the file system that holds a path, for the unprivileged user (what a write there may use).
public enum FreeSpace {
    /// Bytes free at `path`; nil when the path cannot be looked at.
    public static func available(at path: String) -> UInt64? {
        var space = statvfs()
        guard statvfs(path, &space) == 0 else { return nil }
        return UInt64(space.f_bavail) * UInt64(space.f_frsize)
    }
}
