import RackCore

/// The process types of a release: the Procfile's when the app has one, else the buildpack's defaults, and
/// the line the build prints about them.
public struct ProcessTypes: Hashable, Sendable {
    public var types: [String: String]
    /// `Procfile declares types -> web, worker` or `Default types for buildpack -> web`.
    public var summary: String

    public init(procfile: Procfile?, release: ReleaseOutput) {
        if let procfile, !procfile.names.isEmpty {
            // The Procfile wins; buildpack defaults it does not name still apply, as on Heroku.
            types = release.defaultProcessTypes.merging(procfile.processTypes) { _, procfile in procfile }
            summary = "Procfile declares types -> \(procfile.names.joined(separator: ", "))"
        } else {
            types = release.defaultProcessTypes
            let names = release.defaultProcessTypes.keys.sorted()
            summary = "Default types for buildpack -> \(names.isEmpty ? "(none)" : names.joined(separator: ", "))"
        }
    }
}
