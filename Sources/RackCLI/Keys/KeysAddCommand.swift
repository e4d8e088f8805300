import ArgumentParser
import Foundation
import RackCore

/// `rack keys:add [PATH]`: registers an SSH public key (default: `~/.ssh/id_ed25519.pub`, then ecdsa, then rsa).
struct KeysAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys:add",
        abstract: "Add an SSH public key (default ~/.ssh/id_ed25519.pub, then id_ecdsa.pub, then id_rsa.pub).")

    @Argument(help: "The public key file.") var path: String?
    @OptionGroup var output: OutputOptions

    static let defaultKeyFiles = ["id_ed25519.pub", "id_ecdsa.pub", "id_rsa.pub"]

    func run() async throws {
        let file = try path ?? defaultKeyFile()
        guard let data = FileManager.default.contents(atPath: file) else {
            throw RackError(.invalidParams, "Cannot read \(file): check the path.")
        }
        guard data.count <= 16 * 1024 else {
            throw RackError(.invalidParams, "\(file) is larger than 16 KiB: that is not one public key.")
        }
        let key = try await Session.client().addKey(publicKey: String(decoding: data, as: UTF8.self))
        if output.json { return try Terminal.printJSON(key) }
        print("Uploaded \(file): \(key.fingerprint) \(key.comment)")
    }

    private func defaultKeyFile() throws -> String {
        let home = Session.environment["HOME"] ?? NSHomeDirectory()
        for name in Self.defaultKeyFiles {
            let candidate = "\(home)/.ssh/\(name)"
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        throw RackError(
            .invalidParams,
            "No public key found in \(home)/.ssh (\(Self.defaultKeyFiles.joined(separator: ", "))): make one with `ssh-keygen -t ed25519`, or give its path.")
    }
}
