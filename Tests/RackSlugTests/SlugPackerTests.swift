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

        /// Adds files that make the slug several compression blocks long: 3 MB of text, 2 MB of noise.
        func addLargeFiles() throws {
            try Data(TestBytes.text(3_000_000)).write(to: URL(fileURLWithPath: root + "/lib/large.txt"))
            try Data(TestBytes.noise(2_000_000, seed: 42)).write(to: URL(fileURLWithPath: root + "/lib/large.bin"))
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }
    }

    /// A sink in memory that can be made to fail once it holds `failingAt` bytes.
    final class MemorySink: SlugSink {
        var bytes: [UInt8] = []
        var failingAt: Int?
        var finished = false
        var abandoned = false

        init(failingAt: Int? = nil) { self.failingAt = failingAt }

        func write(_ bytes: UnsafeRawBufferPointer) throws(RackError) {
            if let failingAt, self.bytes.count + bytes.count > failingAt {
                throw RackError(.unavailable, "The disk is full.")
            }
            self.bytes += bytes
        }

        func finish() throws(RackError) { finished = true }
        func abandon() { abandoned = true }
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

    @Test func aTreeOfManyBlocksIsAGzipTheRealToolsReadAndTheSameBytesOnAnyThreads() throws {
        let directory = try BuildDirectory()
        try directory.addLargeFiles()
        let one = MemorySink()
        let slug = try SlugPacker(threads: 1).pack(directory: directory.root, to: one, limit: 500 << 20)
        #expect(one.bytes.count > 2_000_000)  // the tar is 5 blocks of 1 MiB and a part
        for threads in [2, 4] {
            let many = MemorySink()
            let packed = try SlugPacker(threads: threads).pack(directory: directory.root, to: many, limit: 500 << 20)
            #expect(packed == slug)
            #expect(many.bytes == one.bytes)
        }

        let (fileSlug, path) = try pack(directory)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(fileSlug == slug)
        #expect(try Process.output(of: "/usr/bin/gzip", ["-t", path]).status == 0)
        let names = try listing(path).compactMap { $0.split(separator: " ").last.map(String.init) }
        #expect(names.contains("./app/lib/large.txt") && names.contains("./app/lib/large.bin"))
        for file in ["lib/large.txt", "lib/large.bin", "lib/blob.bin", "Procfile"] {
            let packed = try Process.output(of: "/usr/bin/tar", ["-xzOf", path, "./app/" + file])
            #expect(packed.status == 0)
            #expect(packed.stdout == FileManager.default.contents(atPath: directory.root + "/" + file), "\(file)")
        }
        let read = "import sys, tarfile; sys.stdout.buffer.write(tarfile.open(sys.argv[1]).extractfile(sys.argv[2]).read())"
        let python = try Process.output(of: "/usr/bin/python3", ["-c", read, path, "./app/lib/large.bin"])
        #expect(python.status == 0)
        #expect(python.stdout == FileManager.default.contents(atPath: directory.root + "/lib/large.bin"))
    }

    @Test func overTheLimitTheMessageGivesTheWholeSize() throws {
        let directory = try BuildDirectory()
        try directory.addLargeFiles()
        let whole = try SlugPacker().pack(directory: directory.root, to: MemorySink(), limit: 500 << 20)
        let sink = MemorySink()
        #expect {
            try SlugPacker().pack(directory: directory.root, to: sink, limit: 100_000)
        } throws: { error in
            let expected = "Compiled slug size: \(SlugSize.describe(whole.size)) is too large (max is 98K)."
            return (error as? RackError)?.message == expected
        }
        #expect(sink.bytes.count <= 100_000)
        #expect(sink.abandoned && !sink.finished)
    }

    @Test func aSinkThatFailsIsAbandonedAndItsErrorThrown() throws {
        let directory = try BuildDirectory()
        try directory.addLargeFiles()
        let sink = MemorySink(failingAt: 300_000)
        #expect {
            try SlugPacker().pack(directory: directory.root, to: sink, limit: 500 << 20)
        } throws: { error in
            (error as? RackError)?.code == .unavailable && (error as? RackError)?.message == "The disk is full."
        }
        #expect(sink.abandoned && !sink.finished)
    }

    @Test func aLevelOutsideGzipsIsRefused() throws {
        let directory = try BuildDirectory()
        let sink = MemorySink()
        #expect {
            try SlugPacker(compressionLevel: 0).pack(directory: directory.root, to: sink, limit: 500 << 20)
        } throws: { ($0 as? RackError)?.code == .invalidParams }
        #expect(sink.bytes.isEmpty)
    }
}
