import Foundation
import RackCore
import Testing

@Suite struct DotEnvTests {
    static let awkwardValues: [String] = [
        "", "plain", "it's", "'''", "\"double\"", "$HOME ${X} `cmd` $(cmd)", "back\\slash\\", "line1\nline2\n",
        "  spaces  ", "ünïcødé ✓ 🚀", "#not a comment", "a=b=c", "tab\tseparated", "\r\n",
    ]

    @Test(arguments: awkwardValues)
    func encodedValuesDecodeBackExactly(value: String) throws {
        let text = DotEnv.encode(["VALUE": value])
        #expect(try DotEnv.decode(text) == ["VALUE": value])
    }

    @Test(arguments: awkwardValues)
    func encodedValuesReadBackExactlyThroughAPOSIXShell(value: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dotenv-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try DotEnv.encode(["VALUE": value, "OTHER": "x"]).write(toFile: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "set -a; . \"$1\"; printf '%s' \"$VALUE\"", "sh", file]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(String(decoding: data, as: UTF8.self) == value)
    }

    @Test func decodeReadsCRLFLineEnds() throws {
        #expect(try DotEnv.decode("A=1\r\nB='two'\r\n# c\r\n") == ["A": "1", "B": "two"])
    }

    @Test func encodeSortsByName() {
        #expect(DotEnv.encode(["B": "2", "A": "1"]) == "A='1'\nB='2'\n")
    }

    @Test func decodeSkipsCommentsBlankLinesAndExport() throws {
        let text = "# a comment\n\nexport A='1'\n   \nB=plain\n"
        #expect(try DotEnv.decode(text) == ["A": "1", "B": "plain"])
    }

    @Test(arguments: [
        ("A='unterminated\n", "not closed"),
        ("no equals here\n", "NAME="),
        ("1BAD=x\n", "not a valid name"),
        ("A=two words\n", "single quotes"),
    ])
    func decodeNamesTheBadLine(text: String, expected: String) {
        #expect {
            try DotEnv.decode("OK='fine'\n" + text)
        } throws: { error in
            let error = error as? RackError
            return error?.code == .invalidParams && error!.message.contains("Line 2") && error!.message.contains(expected)
        }
    }
}
