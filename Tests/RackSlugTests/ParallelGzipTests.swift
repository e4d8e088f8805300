import Foundation
import RackCore
import Testing

@testable import RackSlug

@Suite struct ParallelGzipTests {
    /// Small blocks, so that streams of many blocks stay small.
    static let block = 64 << 10

    /// The gzip stream of `input`, written in pieces of `piece` bytes.
    func gzip(_ input: [UInt8], level: Int = 6, threads: Int = 2, piece: Int = 10_000) throws -> [UInt8] {
        var stream: [UInt8] = []
        let gzip = ParallelGzip(level: level, threads: threads, blockSize: Self.block) { bytes throws(RackError) in
            stream += bytes
        }
        for start in stride(from: 0, to: input.count, by: piece) {
            try input[start..<min(start + piece, input.count)].withUnsafeBytes { try gzip.write($0) }
        }
        try gzip.finish()
        return stream
    }

    /// What the real gzip makes of `stream`: `gzip -t` passes and `gzip -dc` gives back the input.
    func realGzipReads(_ stream: [UInt8], as input: [UInt8]) throws -> Bool {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gzip-\(UUID().uuidString).gz").path
        try Data(stream).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let test = try Process.output(of: "/usr/bin/gzip", ["-t", path])
        let decompressed = try Process.output(of: "/usr/bin/gzip", ["-dc", path])
        return test.status == 0 && decompressed.status == 0 && Array(decompressed.stdout) == input
    }

    /// Empty, one byte, each side of a block's end, and many blocks of text and noise that does not compress.
    static let sizes = [0, 1, block - 1, block, block + 1, 2 * block, 9 * block + 12_345]

    @Test(arguments: sizes)
    func theRealGzipReadsTheStreamBack(size: Int) throws {
        let input = Array((TestBytes.text(size / 2) + TestBytes.noise(size - size / 2)).reversed())
        let stream = try gzip(input)
        #expect(try realGzipReads(stream, as: input))
    }

    @Test(arguments: sizes)
    func theBytesAreTheSameWhateverTheThreadsAndTheTiming(size: Int) throws {
        let input = TestBytes.noise(size / 3) + TestBytes.text(size - size / 3)
        let one = try gzip(input, threads: 1)
        for threads in [2, 3, 8] {
            // Small pieces and many threads: blocks finish in every order; the stream must not care.
            #expect(try gzip(input, threads: threads, piece: 777) == one)
            #expect(try gzip(input, threads: threads, piece: 1 << 20) == one)
        }
    }

    @Test func blocksThatFinishOutOfOrderAreWrittenInOrder() throws {
        // Slow blocks (noise) and fast ones (zeros) in turn, many times the blocks allowed in flight: later blocks
        // finish before earlier ones all the time, and the writer must still keep to the input's order.
        let slow = TestBytes.noise(Self.block)
        let fast = [UInt8](repeating: 0, count: Self.block)
        let input = Array((0..<24).map { _ in slow + fast }.joined())
        let one = try gzip(input, level: 9, threads: 1)
        #expect(try realGzipReads(one, as: input))
        for threads in [2, 4, 8] {
            #expect(try gzip(input, level: 9, threads: threads, piece: 1 << 20) == one)
        }
    }

    @Test(arguments: [1, 6, 9])
    func theHeaderIsGzipNsAndTheLevelCounts(level: Int) throws {
        let input = TestBytes.text(3 * Self.block)
        let stream = try gzip(input, level: level)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("plain-\(UUID().uuidString)").path
        try Data(input).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reference = try Process.output(of: "/usr/bin/gzip", ["-n", "-c", "-\(level)", path])
        #expect(Array(stream.prefix(10)) == Array(reference.stdout.prefix(10)))
        #expect(try realGzipReads(stream, as: input))
        if level != 6 { #expect(try stream != gzip(input, level: 6)) }
    }

    @Test func blocksCompressAboutAsWellAsGzipDoesTheWholeStream() throws {
        // Ten blocks of text broken by bits of noise: each block starts afresh, and all must still compress
        // about as well as gzip's single stream does.
        let pieces = (0..<40).map { TestBytes.text(16 << 10) + TestBytes.noise(512, seed: UInt64($0 + 1)) }
        let input = Array(pieces.joined())
        let stream = try gzip(input)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("plain-\(UUID().uuidString)").path
        try Data(input).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reference = try Process.output(of: "/usr/bin/gzip", ["-n", "-c", "-6", path]).stdout
        #expect(try realGzipReads(stream, as: input))
        #expect(Double(stream.count) < Double(reference.count) * 1.1)
        #expect(stream.count < input.count / 10)
    }

    @Test func whatTheOutputThrowsStopsTheStream() throws {
        var calls = 0
        let gzip = ParallelGzip(level: 6, threads: 2, blockSize: Self.block) { _ throws(RackError) in
            calls += 1
            if calls == 3 { throw RackError(.unavailable, "disk full") }
        }
        let input = TestBytes.noise(20 * Self.block)
        #expect {
            try input.withUnsafeBytes { try gzip.write($0) }
            try gzip.finish()
        } throws: { ($0 as? RackError)?.message == "disk full" }
        #expect(calls == 3)
    }
}
