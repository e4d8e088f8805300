import Foundation
import Testing

@testable import RackCore

// MARK: - Real keys, made by ssh-keygen

/// A kind of key that `ssh-keygen` makes for the tests.
enum KeygenKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case ed25519, ecdsa256, ecdsa384, ecdsa521, rsa2048, rsa4096
    /// Too small for Rack; written as a PEM "RSA PRIVATE KEY" so the private key case has that header too.
    case rsa1024

    var testDescription: String { rawValue }

    /// The arguments of `ssh-keygen` after `-f PATH`.
    var arguments: [String] {
        switch self {
        case .ed25519: ["-t", "ed25519"]
        case .ecdsa256: ["-t", "ecdsa", "-b", "256"]
        case .ecdsa384: ["-t", "ecdsa", "-b", "384"]
        case .ecdsa521: ["-t", "ecdsa", "-b", "521"]
        case .rsa2048: ["-t", "rsa", "-b", "2048"]
        case .rsa4096: ["-t", "rsa", "-b", "4096"]
        case .rsa1024: ["-t", "rsa", "-b", "1024", "-m", "PEM"]
        }
    }

    var type: String {
        switch self {
        case .ed25519: "ssh-ed25519"
        case .ecdsa256: "ecdsa-sha2-nistp256"
        case .ecdsa384: "ecdsa-sha2-nistp384"
        case .ecdsa521: "ecdsa-sha2-nistp521"
        case .rsa2048, .rsa4096, .rsa1024: "ssh-rsa"
        }
    }

    var bits: Int {
        switch self {
        case .ed25519, .ecdsa256: 256
        case .ecdsa384: 384
        case .ecdsa521: 521
        case .rsa2048: 2048
        case .rsa4096: 4096
        case .rsa1024: 1024
        }
    }

    /// A comment with spaces, as `ssh-keygen -C` allows.
    var comment: String { "rack test \(rawValue)@host" }
}

/// A key made by `ssh-keygen`: both files' contents and what `ssh-keygen -lf` says of the public one.
struct GeneratedKey: Sendable {
    var publicLine: String
    var privateText: String
    var listing: KeygenListing
}

/// One line of `ssh-keygen -lf`: `BITS SHA256:xxxx comment (TYPE)`.
struct KeygenListing: Sendable {
    var bits: Int
    var fingerprint: String
    var comment: String
    var typeLabel: String

    init(_ output: String) throws {
        let line = output.trimmingCharacters(in: .whitespacesAndNewlines)
        let fields = line.split(separator: " ", maxSplits: 2).map(String.init)
        guard fields.count == 3, let bits = Int(fields[0]), let open = fields[2].lastIndex(of: "("),
            fields[2].hasSuffix(")")
        else { throw KeygenError(message: "Unexpected ssh-keygen -lf output: \(line)") }
        self.bits = bits
        fingerprint = fields[1]
        comment = fields[2][..<open].trimmingCharacters(in: .whitespaces)
        typeLabel = String(fields[2][fields[2].index(after: open)..<fields[2].index(before: fields[2].endIndex)])
    }
}

struct KeygenError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Runs `ssh-keygen`, making each kind of key at most once per test run, whichever tests ask for it.
enum Keygen {
    static let path = "/usr/bin/ssh-keygen"

    // One lazily made key per kind: a static `let` is made once, on first use, even when tests run in parallel.
    private static let ed25519 = make(.ed25519)
    private static let ecdsa256 = make(.ecdsa256)
    private static let ecdsa384 = make(.ecdsa384)
    private static let ecdsa521 = make(.ecdsa521)
    private static let rsa2048 = make(.rsa2048)
    private static let rsa4096 = make(.rsa4096)
    private static let rsa1024 = make(.rsa1024)

    /// The key of `kind`, made on first use.
    static func key(_ kind: KeygenKind) throws -> GeneratedKey {
        switch kind {
        case .ed25519: try ed25519.get()
        case .ecdsa256: try ecdsa256.get()
        case .ecdsa384: try ecdsa384.get()
        case .ecdsa521: try ecdsa521.get()
        case .rsa2048: try rsa2048.get()
        case .rsa4096: try rsa4096.get()
        case .rsa1024: try rsa1024.get()
        }
    }

    private static func make(_ kind: KeygenKind) -> Result<GeneratedKey, KeygenError> {
        do { return .success(try generate(kind)) } catch {
            return .failure(KeygenError(message: "Making the \(kind.rawValue) key failed: \(error)"))
        }
    }

    private static func generate(_ kind: KeygenKind) throws -> GeneratedKey {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("id_\(kind.rawValue)").path
            try run(["-q", "-N", "", "-f", file, "-C", kind.comment] + kind.arguments)
            return GeneratedKey(
                publicLine: try String(contentsOfFile: file + ".pub", encoding: .utf8),
                privateText: try String(contentsOfFile: file, encoding: .utf8),
                listing: try KeygenListing(run(["-lf", file + ".pub"])))
        }
    }

    /// What `ssh-keygen -lf` says of a `.pub` file holding `line`.
    static func listing(ofPublicLine line: String) throws -> KeygenListing {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("key.pub").path
            try (line + "\n").write(toFile: file, atomically: true, encoding: .utf8)
            return try KeygenListing(run(["-lf", file]))
        }
    }

    /// What `ssh-keygen -e [-m FORMAT]` exports of a `.pub` file holding `line`.
    static func export(publicLine line: String, format: String? = nil) throws -> String {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("key.pub").path
            try (line + "\n").write(toFile: file, atomically: true, encoding: .utf8)
            return try run(["-e", "-f", file] + (format.map { ["-m", $0] } ?? []))
        }
    }

    /// Runs `ssh-keygen` with `arguments` and returns its standard output.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let stderr = String(decoding: errorData, as: UTF8.self)
            throw KeygenError(message: "ssh-keygen \(arguments) failed (\(process.terminationStatus)): \(stderr)")
        }
        return String(decoding: outputData, as: UTF8.self)
    }

    private static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("rack-keys-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory)
    }
}

// MARK: - Hand-built blobs

/// The SSH wire encoding of `parts`, each as a `string`.
func wire(_ parts: [UInt8]...) -> [UInt8] {
    parts.flatMap { part in
        let length = UInt32(part.count)
        return [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
            + part
    }
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

func base64(_ blob: [UInt8]) -> String { Data(blob).base64EncodedString() }

/// The blob of a public key line.
func blob(ofLine line: String) throws -> [UInt8] {
    let fields = line.split(separator: " ")
    return try #require(Data(base64Encoded: String(fields[1])).map { [UInt8]($0) })
}

/// The strings inside a blob whose fields are all `string`s (every type but RSA).
func strings(ofBlob blob: [UInt8]) throws -> [[UInt8]] {
    var reader = SSHWireReader(blob)
    var strings: [[UInt8]] = []
    while !reader.isAtEnd {
        let string = reader.readString()
        strings.append(try #require(string))
    }
    return strings
}

/// The Ed25519 key bytes of the test's real Ed25519 key.
func ed25519KeyBytes() throws -> [UInt8] {
    try strings(ofBlob: blob(ofLine: Keygen.key(.ed25519).publicLine))[1]
}

/// The uncompressed P-256 point of the test's real ECDSA P-256 key.
func p256Point() throws -> [UInt8] {
    try strings(ofBlob: blob(ofLine: Keygen.key(.ecdsa256).publicLine))[2]
}

/// A security key type, whose blob the tests build by hand: `ssh-keygen` needs the hardware to make one.
enum SecurityKeyKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case ed25519 = "sk-ssh-ed25519@openssh.com"
    case ecdsa = "sk-ecdsa-sha2-nistp256@openssh.com"

    var testDescription: String { rawValue }

    func blob() throws -> [UInt8] {
        switch self {
        case .ed25519: wire(bytes(rawValue), try ed25519KeyBytes(), bytes("ssh:"))
        case .ecdsa: wire(bytes(rawValue), bytes("nistp256"), try p256Point(), bytes("ssh:"))
        }
    }
}

// MARK: - Tests

@Suite struct PublicKeyTests {
    @Test("A key made by ssh-keygen parses, with the fingerprint and size ssh-keygen prints",
          arguments: KeygenKind.allCases.filter { $0 != .rsa1024 })
    func parsesGeneratedKey(kind: KeygenKind) throws {
        let generated = try Keygen.key(kind)
        let key = try PublicKey(parsing: generated.publicLine)
        let fields = generated.publicLine.split(separator: " ").map(String.init)

        #expect(key.type == kind.type)
        #expect(key.base64 == fields[1])
        #expect(key.comment == kind.comment)
        #expect(key.comment == generated.listing.comment)
        #expect(key.fingerprint == generated.listing.fingerprint)
        #expect(key.bits == generated.listing.bits)
        #expect(key.bits == kind.bits)
        #expect(key.authorizedKeyText == "\(fields[0]) \(fields[1])")
        #expect(key.fingerprint == PublicKey.fingerprint(ofBlob: try blob(ofLine: generated.publicLine)))
    }

    @Test("A security key parses, with the fingerprint and size ssh-keygen prints", arguments: SecurityKeyKind.allCases)
    func parsesSecurityKey(kind: SecurityKeyKind) throws {
        let line = "\(kind.rawValue) \(base64(try kind.blob())) yubikey of jane"
        let listing = try Keygen.listing(ofPublicLine: line)
        let key = try PublicKey(parsing: line)

        #expect(key.type == kind.rawValue)
        #expect(key.comment == "yubikey of jane")
        #expect(key.fingerprint == listing.fingerprint)
        #expect(key.bits == listing.bits)
        #expect(listing.typeLabel.hasSuffix("-SK"))
    }

    @Test("Surrounding whitespace and a trailing newline or CRLF are ignored",
          arguments: [("", "\n"), ("", "\r\n"), ("  \t", "  \r\n\r\n"), ("\n", "\n\n")])
    func trimsWhitespace(prefix: String, suffix: String) throws {
        let line = try Keygen.key(.ed25519).publicLine.trimmingCharacters(in: .newlines)
        let key = try PublicKey(parsing: prefix + line + suffix)
        #expect(key == (try PublicKey(parsing: line)))
        #expect(key.comment == KeygenKind.ed25519.comment)
    }

    @Test func lineWithoutCommentHasEmptyComment() throws {
        let generated = try Keygen.key(.ecdsa384)
        let key = try PublicKey(parsing: try PublicKey(parsing: generated.publicLine).authorizedKeyText)
        #expect(key.comment == "")
        #expect(key.fingerprint == generated.listing.fingerprint)
    }

    @Test func commentKeepsInnerSpacing() throws {
        let key = try PublicKey(parsing: try PublicKey(parsing: Keygen.key(.ed25519).publicLine).authorizedKeyText
            + "   jane  at\tlaptop  ")
        #expect(key.comment == "jane  at\tlaptop")
    }

    @Test func commentWithTerminalEscapesIsRefused() throws {
        let line = try PublicKey(parsing: Keygen.key(.ed25519).publicLine).authorizedKeyText + " evil\u{1b}[2Jcomment"
        #expect {
            try PublicKey(parsing: line)
        } throws: { error in
            (error as? RackError)?.code == .invalidParams && (error as? RackError)!.message.contains("control characters")
        }
    }

    @Test func fingerprintIsUnpaddedBase64OfSHA256() {
        // SHA-256 of no bytes is e3b0c442…; its base64 ends in one "=", which ssh-keygen leaves off.
        #expect(PublicKey.fingerprint(ofBlob: []) == "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU")
    }

    @Test("A bad line is refused with a message that says what is wrong", arguments: BadLine.allCases)
    func refusesBadLine(bad: BadLine) throws {
        let input = try bad.input()
        let error = #expect(throws: RackError.self) { try PublicKey(parsing: input) }
        #expect(error?.code == .invalidParams)
        #expect(error?.message.contains(bad.expected) == true, "\(error?.message ?? "no error")")
        #expect((error?.message.count ?? 0) < 400, "The message should not echo the input back")
    }
}

/// A line `PublicKey(parsing:)` must refuse, and a part of the message that says why.
enum BadLine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case empty, blank, garbage, notBase64, noBlob, emptyBlob
    case openSSHPrivateKey, rsaPrivateKey, rfc4716PublicKey, pkcs8PublicKey
    case twoKeyLines, twoKeysOnOneLine, twoLines
    case commandOptions, restrictOption
    case dss, certificate, longUnknownType, tooLong
    case rsa1024, mismatchedInnerType, truncated, trailingBytes, ed25519KeyTooShort
    case wrongCurve, compressedPoint, securityKeyWithoutApplication, negativeModulus

    var testDescription: String { rawValue }

    func input() throws -> String {
        switch self {
        case .empty: return ""
        case .blank: return "  \t\r\n"
        case .garbage: return "hello world"
        case .notBase64: return "ssh-ed25519 !!not*base64!! jane@laptop"
        case .noBlob: return "ssh-ed25519"
        case .emptyBlob: return "ssh-ed25519 ="
        case .openSSHPrivateKey: return try Keygen.key(.ed25519).privateText
        case .rsaPrivateKey: return try Keygen.key(.rsa1024).privateText
        case .rfc4716PublicKey: return try Keygen.export(publicLine: Keygen.key(.ed25519).publicLine)
        case .pkcs8PublicKey: return try Keygen.export(publicLine: Keygen.key(.ecdsa256).publicLine, format: "PKCS8")
        case .twoKeyLines: return try Keygen.key(.ed25519).publicLine + Keygen.key(.ecdsa256).publicLine
        case .twoKeysOnOneLine:
            let first = try PublicKey(parsing: Keygen.key(.ed25519).publicLine).authorizedKeyText
            return try first + " " + Keygen.key(.ecdsa256).publicLine
        case .twoLines: return try Keygen.key(.ed25519).publicLine + "and a second line\n"
        case .commandOptions: return try "command=\"echo hi\",no-pty " + Keygen.key(.ed25519).publicLine
        case .restrictOption: return try "restrict " + Keygen.key(.ed25519).publicLine
        case .dss:
            let blob = wire(bytes("ssh-dss"), [0x00, 0xC1] + [UInt8](repeating: 7, count: 127), [0x11], [0x02], [0x03])
            return "ssh-dss \(base64(blob)) old@box"
        case .certificate: return "ssh-ed25519-cert-v01@openssh.com AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29t"
        case .longUnknownType: return "ssh-" + String(repeating: "x", count: 5000) + " AAAA"
        case .tooLong: return try Keygen.key(.ed25519).publicLine + String(repeating: "y", count: 17 * 1024)
        case .rsa1024: return try Keygen.key(.rsa1024).publicLine
        case .mismatchedInnerType: return try "ssh-rsa " + blob(ofLine: Keygen.key(.ed25519).publicLine).base64()
        case .truncated: return try "ssh-ed25519 " + blob(ofLine: Keygen.key(.ed25519).publicLine).dropLast(5).base64()
        case .trailingBytes: return try "ssh-ed25519 " + (blob(ofLine: Keygen.key(.ed25519).publicLine) + [0]).base64()
        case .ed25519KeyTooShort:
            return "ssh-ed25519 " + wire(bytes("ssh-ed25519"), [UInt8](repeating: 1, count: 31)).base64()
        case .wrongCurve:
            let blob = wire(bytes("ecdsa-sha2-nistp256"), bytes("nistp384"), try p256Point())
            return "ecdsa-sha2-nistp256 " + blob.base64()
        case .compressedPoint:
            let compressed = [UInt8]([0x02]) + (try p256Point())[1...32]
            return "ecdsa-sha2-nistp256 " + wire(bytes("ecdsa-sha2-nistp256"), bytes("nistp256"), compressed).base64()
        case .securityKeyWithoutApplication:
            let type = SecurityKeyKind.ed25519.rawValue
            return try type + " " + wire(bytes(type), ed25519KeyBytes()).base64()
        case .negativeModulus:
            // The modulus's top bit is set without a leading zero byte: a negative mpint.
            let blob = wire(bytes("ssh-rsa"), [0x01, 0x00, 0x01], [UInt8](repeating: 0xFF, count: 257))
            return "ssh-rsa " + blob.base64()
        }
    }

    var expected: String {
        switch self {
        case .empty, .blank: "empty"
        case .garbage: "not an SSH public key"
        case .notBase64, .emptyBlob: "base64"
        case .noBlob: "no key data"
        case .openSSHPrivateKey, .rsaPrivateKey: "private key"
        case .rfc4716PublicKey, .pkcs8PublicKey: "convert"
        case .twoKeyLines, .twoKeysOnOneLine: "one key at a time"
        case .twoLines: "single line"
        case .commandOptions, .restrictOption: "not allowed"
        case .dss, .certificate, .longUnknownType: "not supported"
        case .tooLong: "16 KiB"
        case .rsa1024: "1024 bits"
        case .mismatchedInnerType: "holds a \"ssh-ed25519\" key"
        case .truncated: "truncated"
        case .trailingBytes: "extra byte"
        case .ed25519KeyTooShort: "not 32"
        case .wrongCurve: "curve"
        case .compressedPoint: "uncompressed"
        case .securityKeyWithoutApplication: "application"
        case .negativeModulus: "negative"
        }
    }
}

extension Sequence<UInt8> {
    fileprivate func base64() -> String { Data(self).base64EncodedString() }
}

@Suite struct SSHWireReaderTests {
    @Test func readsStringsAndNumbers() {
        var reader = SSHWireReader(wire(bytes("abc"), []) + [0, 0, 1, 2])
        let text = reader.readText()
        let empty = reader.readString()
        let number = reader.readUInt32()
        #expect(text == "abc")
        #expect(empty == [])
        #expect(number == 258)
        #expect(reader.isAtEnd)
        let pastEnd = reader.readUInt32()
        #expect(pastEnd == nil)
    }

    @Test func truncatedStringLeavesReaderInPlace() {
        var reader = SSHWireReader([0, 0, 0, 5, 1, 2])
        let string = reader.readString()
        #expect(string == nil)
        #expect(reader.offset == 0)
        #expect(reader.remainingCount == 6)
    }

    @Test("An mpint's magnitude drops leading zero bytes; a negative one is refused",
          arguments: [([0x00, 0x80, 0x01], [0x80, 0x01]), ([], []), ([0x7F], [0x7F]), ([0x80], nil)]
            as [([UInt8], [UInt8]?)])
    func readsMPInt(encoded: [UInt8], magnitude: [UInt8]?) {
        var reader = SSHWireReader(wire(encoded))
        let read = reader.readNonNegativeMPInt()
        #expect(read == magnitude)
    }
}
