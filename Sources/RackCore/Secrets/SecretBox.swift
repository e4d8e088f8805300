import Crypto
import Foundation

/// Seals secrets at rest with AES-GCM under the rack's master key.
///
/// Each sealed value is bound to a context (e.g. the app id and var name) as authenticated data,
/// so a ciphertext copied to another row does not open.
///
/// ```swift
/// let box = try SecretBox(key: home.masterKey())
/// let sealed = try box.seal(Array("s3cret".utf8), context: "app-1/DATABASE_URL")
/// let plain = try box.open(sealed, context: "app-1/DATABASE_URL")
/// ```
public struct SecretBox: Sendable {
    private let keyBytes: [UInt8]
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// - Throws: ``RackError`` `.internalError` unless the key is 32 bytes.
    public init(key: [UInt8]) throws(RackError) {
        guard key.count == 32 else { throw RackError(.internalError, "The master key must be 32 bytes long.") }
        self.keyBytes = key
    }

    /// Returns nonce, ciphertext and tag in one blob.
    public func seal(_ plaintext: [UInt8], context: String) throws(RackError) -> [UInt8] {
        do {
            let box = try AES.GCM.seal(plaintext, using: key, authenticating: Array(context.utf8))
            guard let combined = box.combined else { throw RackError(.internalError, "AES-GCM gave no combined box.") }
            return Array(combined)
        } catch let error as RackError {
            throw error
        } catch {
            throw RackError(.internalError, "Cannot encrypt a secret.", cause: error)
        }
    }

    /// - Throws: ``RackError`` `.internalError` when the blob was not sealed by this key for this context.
    public func open(_ sealed: [UInt8], context: String) throws(RackError) -> [UInt8] {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            return Array(try AES.GCM.open(box, using: key, authenticating: Array(context.utf8)))
        } catch {
            throw RackError(
                .internalError,
                "A stored secret does not decrypt with this rack's master key: restore master.key from the backup made with the database.",
                cause: error)
        }
    }

    public func seal(_ text: String, context: String) throws(RackError) -> [UInt8] {
        try seal(Array(text.utf8), context: context)
    }

    public func openText(_ sealed: [UInt8], context: String) throws(RackError) -> String {
        String(decoding: try open(sealed, context: context), as: UTF8.self)
    }
}
