import Foundation
import RackCore
import Testing

/// Inputs `scripts/fuzz.sh` found (target DotEnv): a `'` followed by a combining mark is one `Character`, so
/// `Character`-wise quoting left it unescaped, and `sh` reading `rack config:dump`'s output ran what followed it.
@Suite struct DotEnvFuzzRegressionTests {
    /// Values whose quotes a combining mark follows (U+059D, U+0301) or a prepended mark precedes (U+070F).
    static let values = [
        "'\u{59D}", "it'\u{301}s", "\u{70F}'x", "'\u{59D}$(echo injected)'", "PATH='\u{59D}::!HOME'\n",
    ]

    @Test(arguments: values)
    func quotingEscapesEveryQuoteScalar(value: String) {
        let expected = "'" + value.unicodeScalars.map { $0 == "'" ? "'\\''" : String($0) }.joined() + "'"
        #expect(Array(DotEnv.quote(value).utf8) == Array(expected.utf8))
    }

    @Test(arguments: values)
    func encodedValuesDecodeBackByteForByte(value: String) throws {
        let decoded = try DotEnv.decode(DotEnv.encode(["VALUE": value]))
        #expect(decoded.count == 1)
        #expect(decoded["VALUE"].map { Array($0.utf8) } == Array(value.utf8))
    }

    @Test func aShellSourcingTheFileRunsNothingAndReadsTheValueBack() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dotenv-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let marker = directory + "/ran"
        let value = "'\u{59D}$(touch \(marker))'"
        try DotEnv.encode(["VALUE": value]).write(toFile: directory + "/.env", atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "set -a; . \"$1\"; printf '%s' \"$VALUE\"", "sh", directory + "/.env"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()

        #expect(!FileManager.default.fileExists(atPath: marker), "sourcing the .env ran a command from a value")
        #expect(Array(data) == Array(value.utf8))
    }

    @Test func aQuoteFollowedByACombiningMarkStillOpensAQuote() throws {
        // As `sh` reads it: `'` opens a quote, even when U+0301 follows it.
        #expect(try DotEnv.decode("A='\u{301}x y'\n")["A"].map { Array($0.utf8) } == Array("\u{301}x y".utf8))
    }
}
