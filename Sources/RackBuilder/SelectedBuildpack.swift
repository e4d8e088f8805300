/// A buildpack a build runs: where it is inside the sandbox, what its `bin/detect` called the app, and where it
/// came from (a URL, or a directory on this machine).
struct SelectedBuildpack: Sendable, Hashable {
    let path: String
    let name: String
    let origin: String
}
