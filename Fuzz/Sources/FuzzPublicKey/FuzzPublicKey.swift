import Foundation
import FuzzChecks
import RackCore

/// `PublicKey(parsing:)` never traps on any line, including blobs whose SSH wire lengths lie. A parsed key is a
/// supported type whose fingerprint is the SHA-256 of its decoded blob, whose comment has no control characters,
/// whose RSA modulus is big enough, and whose `authorized_keys` text (with and without the comment) parses back
/// to the same key.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPublicKey(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = FuzzInput(data, count).text
    let key: PublicKey
    do {
        key = try PublicKey(parsing: text)
    } catch {
        invariant(error.code == .invalidParams && !error.message.isEmpty, "a refusal is invalid_params with a reason", text, error)
        return 0
    }
    invariant(text.utf8.count <= PublicKey.maximumInputLength, "an accepted line is at most 16 KiB", text)
    invariant(PublicKey.supportedTypes.contains(key.type), "the type is a supported one", key.type)
    guard let blob = Data(base64Encoded: key.base64) else {
        invariant(false, "the key data is base64", key.base64)
        return 0
    }
    invariant(key.fingerprint == PublicKey.fingerprint(ofBlob: Array(blob)), "the fingerprint is of the blob", key)
    invariant(key.fingerprint.hasPrefix("SHA256:") && key.fingerprint.count == 50, "the fingerprint reads SHA256:<43 chars>", key.fingerprint)
    invariant(
        key.comment.unicodeScalars.allSatisfy { ($0.value >= 0x20 && $0.value != 0x7f) || $0 == "\t" } && key.comment.utf8.count <= 1024,
        "the comment is plain text of at most 1 KiB", key.comment)
    invariant(key.comment == key.comment.trimmingCharacters(in: .whitespaces), "the comment has no surrounding blanks", key.comment)
    switch key.type {
    case "ssh-rsa": invariant(key.bits >= PublicKey.minimumRSABits, "an RSA key has at least 2048 bits", key.bits)
    case "ecdsa-sha2-nistp384": invariant(key.bits == 384, "a nistp384 key has 384 bits", key.bits)
    case "ecdsa-sha2-nistp521": invariant(key.bits == 521, "a nistp521 key has 521 bits", key.bits)
    default: invariant(key.bits == 256, "an Ed25519 or nistp256 key has 256 bits", key.bits)
    }

    let reparsed = try? PublicKey(parsing: key.authorizedKeyText)
    invariant(
        reparsed?.fingerprint == key.fingerprint && reparsed?.type == key.type && reparsed?.bits == key.bits
            && reparsed?.comment == "",
        "the authorized_keys text parses back to the key", key.authorizedKeyText, reparsed as Any)
    if !key.comment.isEmpty {
        let line = key.authorizedKeyText + " " + key.comment + "\n"
        invariant((try? PublicKey(parsing: line)) == key, "the key's line with its comment parses back to the key", line)
    }
    return 0
}
