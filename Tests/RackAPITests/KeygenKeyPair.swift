import Foundation
import Testing

/// An Ed25519 key pair made by the real `ssh-keygen`, with the fingerprint `ssh-keygen -lf` prints for it.
struct KeygenKeyPair: Sendable {
    /// The `.pub` file as written, trailing newline included.
    var publicFile: String
    /// The private key file.
    var privateFile: String
    /// `SHA256:…` from `ssh-keygen -lf`.
    var fingerprint: String

    /// The public key line without its trailing newline.
    var publicLine: String { publicFile.trimmingCharacters(in: .whitespacesAndNewlines) }

    static let keygen = "/usr/bin/ssh-keygen"

    static func generate(comment: String = "rack test key") throws -> KeygenKeyPair {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rack-api-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("id_ed25519").path
        _ = try run(["-q", "-N", "", "-t", "ed25519", "-f", path, "-C", comment])
        // `256 SHA256:… comment (ED25519)`
        let listing = try run(["-lf", path + ".pub"])
        let fields = listing.split(separator: " ")
        let fingerprint = try #require(fields.count >= 2 ? String(fields[1]) : nil, "ssh-keygen -lf printed \(listing)")
        return KeygenKeyPair(
            publicFile: try String(contentsOfFile: path + ".pub", encoding: .utf8),
            privateFile: try String(contentsOfFile: path, encoding: .utf8), fingerprint: fingerprint)
    }

    private static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: keygen)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "ssh-keygen \(arguments.joined(separator: " ")) failed")
        return String(decoding: data, as: UTF8.self)
    }
}
