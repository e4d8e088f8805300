import RackCore

/// Where slugs are kept: a directory on this machine by default, S3 at scale. Writes stream through a
/// ``SlugSink``; a slug is visible under its key only once its sink finished.
public protocol SlugStorage: Sendable {
    /// A sink that stores a slug under `key` (`APP_ID/SLUG_ID.tgz`) when finished.
    func sink(forKey key: String) throws(RackError) -> any SlugSink
    /// Whether a finished slug is stored under `key`.
    func contains(key: String) -> Bool
    /// Removes the slug under `key` (a build that made it but was never released); nothing when there is none.
    func remove(key: String)
}
