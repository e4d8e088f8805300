import ArgumentParser
import Foundation
import RackCore
import RackSlug

/// `rackd slug:pack DIR --output FILE`: packs a directory into a slug as a push would, and says its size
/// and SHA-256; for operators checking a build dir, and for `bench/slug`.
struct SlugPackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slug:pack", abstract: "Pack a directory into a slug (tar.gz under ./app/) and print its size and SHA-256.")

    @Argument(help: "The directory to pack.") var directory: String
    @Option(help: "Where to write the slug.") var output: String
    @Option(help: "The largest slug allowed, in MiB.") var limit: Int = 500
    @Option(help: "gzip level, 1 to 9.") var level: Int = 6

    func run() throws {
        guard (1...9).contains(level) else { throw ValidationError("--level must be 1 to 9.") }
        let slug = try SlugPacker(compressionLevel: level).pack(
            directory: directory, to: FileSlugSink(path: output), limit: limit << 20)
        print("\(slug.size) \(slug.sha256) (\(SlugSize.describe(slug.size)))")
    }
}
