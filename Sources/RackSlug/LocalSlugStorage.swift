import Foundation
import RackCore

/// Slugs as files under a directory (Rack's home `slugs/`), one directory per app.
public struct LocalSlugStorage: SlugStorage {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public func sink(forKey key: String) throws(RackError) -> any SlugSink {
        let path = try self.path(forKey: key)
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw RackError(.unavailable, "Cannot create the slug directory under \(directory): check the disk.", cause: error)
        }
        return try FileSlugSink(path: path)
    }

    public func contains(key: String) -> Bool {
        guard let path = try? path(forKey: key) else { return false }
        return FileManager.default.fileExists(atPath: path)
    }

    public func remove(key: String) {
        guard let path = try? path(forKey: key) else { return }
        unlink(path)
    }

    /// Keys are `APP_ID/SLUG_ID.tgz` made by Rack; anything that could climb out is refused.
    func path(forKey key: String) throws(RackError) -> String {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") }),
            key.unicodeScalars.allSatisfy({ $0.properties.isASCIIHexDigit || "-/.tgz".unicodeScalars.contains($0) })
        else { throw RackError(.internalError, "Slug key \(key.prefix(80)) is not APP_ID/SLUG_ID.tgz.") }
        return directory + "/" + key
    }
}
