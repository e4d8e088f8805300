/// Test bytes that are the same in every run: `noise` does not compress, `text` does.
enum TestBytes {
    static func noise(_ count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state >> 24)
        }
    }

    static func text(_ count: Int) -> [UInt8] {
        let words = ["web:", "bin/server", "release", "slug", "build", "heroku", "rack", "the", "of", "Gemfile.lock"]
        var out: [UInt8] = []
        var index = 0
        while out.count < count {
            out += Array(words[(index * 7 + index / 3) % words.count].utf8) + [index % 11 == 0 ? 10 : 32]
            index += 1
        }
        return Array(out.prefix(count))
    }
}
