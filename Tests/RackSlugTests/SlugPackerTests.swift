import Foundation
import RackCore
import RackSlug
import Testing

@Suite struct SlugPackerTests {
    /// A build dir: nested files, an executable, a symlink, a `.git`, made fresh in a temporary directory.
    final class BuildDirectory {
        let root: String

        init(touchTimes: Date = Date()) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("slug-\(UUID().uuidString)").path
            let files: [String: String] = [
                "Procfile": "web: bin/server\n", "bin/server": "#!/bin/sh\necho hi\n", "lib/a/deep/file.txt": "deep\n",
                ".git/HEAD": "ref: refs/heads/master\n", "vendor/.git/config": "[core]\n", ".profile.d/env.sh": "export A=1\n",
            ]
            for (path, content) in files {
                let full = root + "/" + path
                try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try content.write(toFile: full, atomically: false, encoding: .utf8)
            }
            // 200 KB that do not compress: the same pseudo-random bytes in every build dir.
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            let noise = (0..<200_000).map { _ -> UInt8 in
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                return UInt8(truncatingIfNeeded: state >> 24)
            }
            try Data(noise).write(to: URL(fileURLWithPath: root + "/lib/blob.bin"))
            chmod(root + "/bin/server", 0o755)
            try FileManager.default.createSymbolicLink(atPath: root + "/current", withDestinationPath: "lib/a")
            for path in try FileManager.default.subpathsOfDirectory(atPath: root) {
                try? FileManager.default.setAttributes([.modificationDate: touchTimes], ofItemAtPath: root + "/" + path)
            }
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }
    }

    func pack(_ directory: BuildDirectory, limit: Int = 500 << 20) throws -> (slug: Slug, path: String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("slug-\(UUID().uuidString).tgz").path
        let slug = try SlugPacker().pack(directory: directory.root, to: FileSlugSink(path: path), limit: limit)
        return (slug, path)
    }

    /// `tar tvzf` of a slug, by the real tar.
    func listing(_ path: String) throws -> [String] {
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
        tar.arguments = ["--numeric-owner", "-tvzf", path]
        let output = Pipe()
        tar.standardOutput = output
        try tar.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        tar.waitUntilExit()
        #expect(tar.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func entriesLiveUnderAppWithoutGitAndKeepModesAndSymlinks() throws {
        let directory = try BuildDirectory()
        let (slug, path) = try pack(directory)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let lines = try listing(path)
        let names = lines.map { $0.split(separator: " ", omittingEmptySubsequences: true).last.map(String.init) ?? "" }
        #expect(lines.allSatisfy { $0.contains(" 0/0 ") })
        #expect(lines.allSatisfy { $0.split(separator: " ", omittingEmptySubsequences: true).count >= 6 })
        #expect(lines.contains { $0.hasPrefix("-rwxr-xr-x") && $0.hasSuffix("./app/bin/server") })
        #expect(lines.contains { $0.hasPrefix("lrwxrwxrwx") && $0.hasSuffix("./app/current -> lib/a") })
        #expect(names.first == "./app/")
        #expect(lines.allSatisfy { $0.contains("./app/") })
        #expect(!lines.contains { $0.contains(".git") })
        #expect(lines.contains { $0.hasSuffix("./app/.profile.d/env.sh") })
        #expect(slug.size == (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int))
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
    }

    @Test func theSameTreeGivesTheSameBytesWhereverAndWheneverItIs() throws {
        let first = try BuildDirectory(touchTimes: Date(timeIntervalSince1970: 1_000_000))
        let second = try BuildDirectory(touchTimes: Date())
        let (a, pathA) = try pack(first)
        let (b, pathB) = try pack(second)
        defer {
            try? FileManager.default.removeItem(atPath: pathA)
            try? FileManager.default.removeItem(atPath: pathB)
        }
        #expect(a == b)
        #expect(FileManager.default.contents(atPath: pathA) == FileManager.default.contents(atPath: pathB))
        let sha = Process()
        sha.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        sha.arguments = [pathA]
        let output = Pipe()
        sha.standardOutput = output
        try sha.run()
        sha.waitUntilExit()
        #expect(String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).hasPrefix(a.sha256))
    }

    @Test func aSlugOverTheLimitIsRefusedWithItsSizeAndLeavesNothing() throws {
        let directory = try BuildDirectory()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("slug-\(UUID().uuidString).tgz").path
        #expect {
            try SlugPacker().pack(directory: directory.root, to: FileSlugSink(path: path), limit: 10_000)
        } throws: { error in
            guard let error = error as? RackError else { return false }
            return error.code == .invalidParams && error.message.hasPrefix("Compiled slug size: ")
                && error.message.hasSuffix("is too large (max is 10K).")
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
    }

    @Test(arguments: [(1_000, "1K"), (524_288, "512K"), (24_536_678, "23.4M"), (766_509_056, "731M")])
    func sizesReadAsHerokuPrintsThem(bytes: Int, text: String) {
        #expect(SlugSize.describe(bytes) == text)
    }
}
