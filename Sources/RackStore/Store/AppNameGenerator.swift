/// Picks readable app names such as `quiet-river-4821`, as Heroku does when none is given.
enum AppNameGenerator {
    private static let adjectives = [
        "amber", "ancient", "autumn", "billowing", "bold", "brave", "bright", "calm", "crisp", "damp", "dawn",
        "floral", "fragrant", "frosty", "gentle", "glacial", "golden", "hidden", "lively", "lucky", "misty",
        "morning", "nameless", "patient", "polar", "proud", "quiet", "rapid", "shy", "silent", "sleepy",
        "snowy", "solid", "still", "sunny", "swift", "tranquil", "twilight", "wandering", "young",
    ]
    private static let nouns = [
        "bay", "bird", "breeze", "brook", "cloud", "dawn", "dew", "dream", "dust", "field", "fire", "flower",
        "fog", "forest", "frost", "glade", "grass", "harbor", "hill", "lake", "leaf", "meadow", "moon",
        "mountain", "night", "ocean", "peak", "pine", "rain", "river", "sea", "shadow", "sky", "snow",
        "star", "stream", "sun", "thunder", "tree", "wave",
    ]

    static func candidate() -> String {
        "\(adjectives.randomElement()!)-\(nouns.randomElement()!)-\(Int.random(in: 1000...9999))"
    }
}
