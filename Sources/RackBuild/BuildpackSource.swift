import Crypto
import Foundation
import RackCore

/// Where a buildpack comes from, from `BUILDPACK_URL` or a line of `.buildpacks`: a git repository at an
/// optional ref (branch, tag or full sha), or a `.tgz` over https or from a file.
///
/// ```swift
/// try BuildpackSource(parsing: "https://github.com/heroku/heroku-buildpack-python.git#v250")
/// // .git(url: "https://github.com/heroku/heroku-buildpack-python.git", ref: "v250")
/// ```
public enum BuildpackSource: Hashable, Sendable {
    case git(url: String, ref: String?)
    case tarball(url: String)

    /// - Throws: ``RackError`` `.invalidParams` naming the URL and what is wrong with it.
    public init(parsing text: String) throws(RackError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        func refuse(_ why: String) -> RackError {
            RackError(.invalidParams, "Buildpack URL \"\(trimmed.prefix(120))\" is invalid: \(why).")
        }
        guard trimmed.utf8.count <= 2048 else { throw refuse("it is longer than 2048 bytes") }
        guard trimmed.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7f }) else {
            throw refuse("it holds spaces, control or non-ASCII characters")
        }
        let parts = trimmed.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let url = String(parts[0])
        let ref = parts.count > 1 ? String(parts[1]) : nil
        let schemes = ["https://", "http://", "file://", "git://", "ssh://"]
        guard let scheme = schemes.first(where: { url.hasPrefix($0) }), url.count > scheme.count else {
            throw refuse("use an https://, http://, git://, ssh:// or file:// URL")
        }
        if url.hasSuffix(".tgz") || url.hasSuffix(".tar.gz") {
            guard ref == nil else { throw refuse("a .tgz takes no #ref") }
            guard ["https://", "http://", "file://"].contains(scheme) else { throw refuse("a .tgz is fetched over https:// or from file://") }
            self = .tarball(url: url)
            return
        }
        if let ref {
            // Refs go to git as arguments: nothing that could read as an option or climb out.
            guard !ref.isEmpty, ref.utf8.count <= 255, !ref.hasPrefix("-"), !ref.contains(".."), !ref.hasSuffix("/"),
                ref.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || "._/-".unicodeScalars.contains($0) })
            else { throw refuse("\"#\(ref.prefix(60))\" is not a branch, tag or commit") }
        }
        self = .git(url: url, ref: ref)
    }

    /// The source as it was written: `URL` or `URL#ref`.
    public var description: String {
        switch self {
        case .git(let url, let ref): ref.map { "\(url)#\($0)" } ?? url
        case .tarball(let url): url
        }
    }

    /// A stable name for the cache of this URL and ref: one fetch per URL#ref.
    public var cacheKey: String {
        Array(SHA256.hash(data: Array(description.utf8))).hexString
    }
}
