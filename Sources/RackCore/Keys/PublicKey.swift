import Crypto
import Foundation

/// An SSH public key, parsed from one line in the format of a `.pub` file: `TYPE BASE64 [COMMENT]`.
///
/// Parsing decodes the key blob and checks its SSH wire structure, so a key that parses is one `ssh` can use. It
/// refuses what users paste by mistake (a private key, two keys, an `authorized_keys` line with options, a weak RSA
/// key) with a message that says what to add instead.
///
/// ```swift
/// let key = try PublicKey(parsing: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI… jane@laptop")
/// key.fingerprint  // "SHA256:…", as `ssh-keygen -lf` prints it
/// ```
public struct PublicKey: Hashable, Sendable {
    /// The key type, e.g. `ssh-ed25519`; one of ``supportedTypes``.
    public let type: String
    /// The key blob as base64, exactly as in the line.
    public let base64: String
    /// The comment after the key, often `user@host`; empty when the line has none. May contain spaces.
    public let comment: String
    /// `SHA256:` and the unpadded base64 of the SHA-256 of the blob, exactly what `ssh-keygen -lf` prints.
    public let fingerprint: String
    /// The key size as `ssh-keygen -lf` prints it: 256 for Ed25519, the modulus bits for RSA, the curve bits for
    /// ECDSA.
    public let bits: Int

    /// The key types Rack accepts, in the order error messages list them.
    public static let supportedTypes = [
        "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
    ]

    /// The smallest RSA modulus Rack accepts, in bits.
    public static let minimumRSABits = 2048

    /// The longest input Rack reads, in UTF-8 bytes (16 KiB; a 16384-bit RSA key line is under 3 KiB).
    public static let maximumInputLength = 16 * 1024

    /// Parses one public key line, as in `~/.ssh/id_ed25519.pub`. Surrounding whitespace and a trailing newline are
    /// ignored.
    ///
    /// - Throws: ``RackError`` `.invalidParams` when `line` is not exactly one supported, well-formed public key.
    public init(parsing line: String) throws(RackError) {
        let text = try Self.singleLine(of: line)
        let tokens = text.split(whereSeparator: Self.isBlank)
        let type = String(tokens[0])
        guard let kind = Kind(type: type) else { throw Self.wrongType(tokens) }
        guard tokens.count >= 2 else {
            throw Self.invalid("The \(type) key has no key data after its type: \(Self.pasteWholeLine)")
        }
        let base64 = String(tokens[1])
        guard let data = Data(base64Encoded: base64), !data.isEmpty else {
            throw Self.invalid("The key data is not valid base64: \(Self.pasteWholeLine)")
        }
        let blob = [UInt8](data)
        let comment = text[tokens[1].endIndex...].trimmingCharacters(in: .whitespaces)
        try Self.rejectSecondKey(in: tokens.dropFirst(2))
        // The comment is shown in terminals (`rack keys`): no escape sequences or other control characters.
        guard comment.unicodeScalars.allSatisfy({ ($0.value >= 0x20 && $0.value != 0x7f) || $0 == "\t" }), comment.utf8.count <= 1024 else {
            throw Self.invalid("The key's comment holds control characters or is over 1 KiB: give it a plain comment with `ssh-keygen -c`.")
        }

        self.type = type
        self.base64 = base64
        self.comment = comment
        self.bits = try kind.check(blob: blob, type: type)
        self.fingerprint = Self.fingerprint(ofBlob: blob)
    }

    /// The key as `authorized_keys` needs it: `TYPE BASE64`, without the comment.
    public var authorizedKeyText: String { "\(type) \(base64)" }

    /// The SHA-256 fingerprint of a key blob as `ssh-keygen -lf` prints it: `SHA256:` and unpadded base64.
    public static func fingerprint(ofBlob blob: [UInt8]) -> String {
        let digest = Data(SHA256.hash(data: blob)).base64EncodedString()
        return "SHA256:" + digest.replacingOccurrences(of: "=", with: "")
    }
}

// MARK: - Checking the line

extension PublicKey {
    private static let pasteWholeLine =
        "paste the whole line from the .pub file (e.g. ~/.ssh/id_ed25519.pub), unchanged."
    private static let makeNewKey = "make a new key with `ssh-keygen -t ed25519` and add its .pub file"

    private static func invalid(_ message: String) -> RackError {
        RackError(.invalidParams, message)
    }

    private static func isBlank(_ character: Character) -> Bool {
        character == " " || character == "\t"
    }

    /// Returns the one line of `input` without surrounding whitespace, or throws when there is none or more than one,
    /// or when the input is a PEM block rather than a public key line.
    private static func singleLine(of input: String) throws(RackError) -> Substring {
        guard input.utf8.count <= maximumInputLength else {
            throw invalid(
                "The key is over 16 KiB long: add a single public key, the one line of its .pub file (e.g. "
                    + "~/.ssh/id_ed25519.pub).")
        }
        let text = input.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw invalid("The key is empty: paste the line of your public key file (e.g. ~/.ssh/id_ed25519.pub).")
        }
        if text.contains("-----BEGIN") || text.contains("---- BEGIN") {
            if text.contains("PRIVATE KEY") {
                throw invalid(
                    "That is a private key: add the public key instead (the .pub file, e.g. ~/.ssh/id_ed25519.pub), "
                        + "and keep the private key to yourself.")
            }
            if text.contains("PUBLIC KEY") {
                throw invalid(
                    "That is a public key in PEM or RFC 4716 format: convert it with `ssh-keygen -i -f FILE` "
                        + "(add `-m PKCS8` for a \"BEGIN PUBLIC KEY\" file) and add the one-line result.")
            }
            throw invalid(
                "That looks like a private key or certificate file, not a public key: add the public key instead "
                    + "(the .pub file, e.g. ~/.ssh/id_ed25519.pub).")
        }
        let lines = text.split(whereSeparator: \.isNewline).filter {
            !$0.trimmingCharacters(in: .whitespaces).isEmpty
        }
        guard lines.count == 1 else {
            let keyLines = lines.filter { $0.split(whereSeparator: isBlank).contains { looksLikeKeyType($0) } }
            if keyLines.count > 1 {
                throw invalid("The input holds \(keyLines.count) keys: add one key at a time.")
            }
            throw invalid(
                "The input has \(lines.count) lines: a public key is a single line, as in ~/.ssh/id_ed25519.pub; "
                    + "paste just that line.")
        }
        return Substring(text)
    }

    /// Whether `token` reads like an SSH key type, supported or not (`ssh-dss`, a certificate type, ...).
    private static func looksLikeKeyType(_ token: Substring) -> Bool {
        let token = token.lowercased()
        if supportedTypes.contains(token) { return true }
        return ["ssh-", "ecdsa-", "sk-", "rsa-sha2-"].contains { token.hasPrefix($0) }
            || token.contains("@openssh.com")
    }

    /// The error for a line whose first token is not a supported type: an unsupported type, options in front of the
    /// type, or no key at all.
    private static func wrongType(_ tokens: [Substring]) -> RackError {
        let first = tokens[0]
        if looksLikeKeyType(first) {
            return invalid(
                "Key type \"\(shown(first))\" is not supported: use one of \(supportedTypes.joined(separator: ", ")); "
                    + "or \(makeNewKey).")
        }
        if tokens.dropFirst().contains(where: looksLikeKeyType) {
            return invalid(
                "Options before the key type (such as `command=\"…\"`, `no-pty` or `restrict`) are not allowed: add "
                    + "just the key, starting with its type (e.g. ssh-ed25519), as in the .pub file.")
        }
        return invalid(
            "That is not an SSH public key: expected one line like \"ssh-ed25519 AAAA… you@host\"; paste the line of "
                + "your public key file (e.g. ~/.ssh/id_ed25519.pub).")
    }

    /// Throws when the comment holds a second key: a key type followed by a blob.
    private static func rejectSecondKey(in tokens: ArraySlice<Substring>) throws(RackError) {
        for (token, next) in zip(tokens, tokens.dropFirst()) where looksLikeKeyType(token) && next.hasPrefix("AAAA") {
            throw invalid("The line holds more than one key: add one key at a time.")
        }
    }

    /// `text` made safe to quote in a message: at most 40 characters, no control characters.
    fileprivate static func shown<S: StringProtocol>(_ text: S) -> String {
        let clean = String(text.unicodeScalars.filter { $0.properties.generalCategory != .control }.map(Character.init))
        return clean.count > 40 ? String(clean.prefix(40)) + "…" : clean
    }
}

// MARK: - Checking the blob

extension PublicKey {
    /// A supported key type, with what its blob must hold after the type string.
    private enum Kind {
        case ed25519
        case ecdsa(curve: String, bits: Int)
        case rsa
        case skEd25519
        case skECDSA

        init?(type: String) {
            switch type {
            case "ssh-ed25519": self = .ed25519
            case "ecdsa-sha2-nistp256": self = .ecdsa(curve: "nistp256", bits: 256)
            case "ecdsa-sha2-nistp384": self = .ecdsa(curve: "nistp384", bits: 384)
            case "ecdsa-sha2-nistp521": self = .ecdsa(curve: "nistp521", bits: 521)
            case "ssh-rsa": self = .rsa
            case "sk-ssh-ed25519@openssh.com": self = .skEd25519
            case "sk-ecdsa-sha2-nistp256@openssh.com": self = .skECDSA
            default: return nil
            }
        }

        /// Checks the wire structure of `blob`, declared as `type`, and returns the key size in bits.
        func check(blob: [UInt8], type: String) throws(RackError) -> Int {
            var reader = SSHWireReader(blob)
            guard let innerType = reader.readString() else { throw Self.malformed(type, "it is truncated") }
            guard innerType == Array(type.utf8) else {
                let inner = PublicKey.shown(String(decoding: innerType, as: UTF8.self))
                throw PublicKey.invalid(
                    "The key says it is \(type) but its data holds a \"\(inner)\" key: \(PublicKey.pasteWholeLine)")
            }
            let bits: Int
            switch self {
            case .ed25519:
                try Self.readEd25519(&reader, type: type)
                bits = 256
            case .ecdsa(let curve, let curveBits):
                try Self.readECDSA(&reader, type: type, curve: curve, bits: curveBits)
                bits = curveBits
            case .rsa:
                bits = try Self.readRSA(&reader, type: type)
            case .skEd25519:
                try Self.readEd25519(&reader, type: type)
                try Self.readApplication(&reader, type: type)
                bits = 256
            case .skECDSA:
                try Self.readECDSA(&reader, type: type, curve: "nistp256", bits: 256)
                try Self.readApplication(&reader, type: type)
                bits = 256
            }
            guard reader.isAtEnd else {
                let count = reader.remainingCount
                let extra = count == 1 ? "1 extra byte follows" : "\(count) extra bytes follow"
                throw Self.malformed(type, "\(extra) the key")
            }
            return bits
        }

        private static func malformed(_ type: String, _ detail: String) -> RackError {
            PublicKey.invalid("The \(type) key data is malformed (\(detail)): \(PublicKey.pasteWholeLine)")
        }

        private static func readEd25519(_ reader: inout SSHWireReader, type: String) throws(RackError) {
            guard let key = reader.readString() else { throw malformed(type, "it is truncated") }
            guard key.count == 32 else { throw malformed(type, "the key is \(key.count) bytes, not 32") }
        }

        private static func readECDSA(
            _ reader: inout SSHWireReader, type: String, curve: String, bits: Int
        ) throws(RackError) {
            guard let innerCurve = reader.readString(), let point = reader.readString() else {
                throw malformed(type, "it is truncated")
            }
            guard innerCurve == Array(curve.utf8) else {
                let shown = PublicKey.shown(String(decoding: innerCurve, as: UTF8.self))
                throw malformed(type, "its curve is \"\(shown)\", not \(curve)")
            }
            // An uncompressed point: 0x04, then x and y of the curve's size each.
            let length = 1 + 2 * ((bits + 7) / 8)
            guard point.count == length, point.first == 0x04 else {
                throw malformed(type, "the point is not an uncompressed \(curve) point")
            }
        }

        private static func readRSA(_ reader: inout SSHWireReader, type: String) throws(RackError) -> Int {
            guard let exponent = reader.readNonNegativeMPInt(), let modulus = reader.readNonNegativeMPInt() else {
                throw malformed(type, "it is truncated, or its exponent or modulus is negative")
            }
            guard !exponent.isEmpty, let top = modulus.first else {
                throw malformed(type, "its exponent or modulus is zero")
            }
            let bits = (modulus.count - 1) * 8 + (UInt8.bitWidth - top.leadingZeroBitCount)
            guard bits >= PublicKey.minimumRSABits else {
                throw PublicKey.invalid(
                    "The RSA key is only \(bits) bits: Rack needs \(PublicKey.minimumRSABits) bits or more; "
                        + "\(PublicKey.makeNewKey).")
            }
            return bits
        }

        private static func readApplication(_ reader: inout SSHWireReader, type: String) throws(RackError) {
            guard reader.readString() != nil else {
                throw malformed(type, "the security key application is missing")
            }
        }
    }
}
