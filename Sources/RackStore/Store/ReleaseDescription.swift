/// The descriptions Heroku gives releases: "Set FOO, BAR config vars", "Remove FOO config vars".
enum ReleaseDescription {
    static func configChange(set: [String], removed: [String]) -> String {
        switch (set.isEmpty, removed.isEmpty) {
        case (false, true): "Set \(set.joined(separator: ", ")) config vars"
        case (true, false): "Remove \(removed.joined(separator: ", ")) config vars"
        default: "Set \(set.joined(separator: ", ")) and remove \(removed.joined(separator: ", ")) config vars"
        }
    }
}
