#if canImport(Glibc)
import Glibc
#endif

/// An app's `.slugignore`: paths left out of the slug, removed from the checkout before the build.
///
/// One pattern per line, `#` comments and blank lines ignored. A pattern with a leading `/` is anchored to the
/// app's root; a pattern without any `/` matches a file or directory of that name at any depth; other
/// patterns match from the root. `*`, `?` and `[…]` glob within one path component. A pattern that climbs
/// out of the app (`..`) is an error.
///
/// ```swift
/// let ignore = try SlugIgnore(parsing: "*.psd\n/docs\n")
/// ignore.ignores("art/logo.psd")   // true
/// ignore.ignores("docs")           // true
/// ignore.ignores("src/docs")       // false
/// ```
public struct SlugIgnore: Hashable, Sendable {
    /// One pattern, normalised: anchored patterns and patterns with a `/` are relative to the root.
    struct Pattern: Hashable, Sendable {
        let glob: String
        let matchesAnyDepth: Bool
    }

    let patterns: [Pattern]

    public static let largest = 64 * 1024

    /// - Throws: ``RackError`` `.invalidParams` naming the first bad line.
    public init(parsing text: String) throws(RackError) {
        guard text.utf8.count <= SlugIgnore.largest else {
            throw RackError(.invalidParams, "The .slugignore is larger than 64 KiB.")
        }
        var patterns: [Pattern] = []
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let line = (rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)).trimmingSpaces
            if line.isEmpty || line.hasPrefix("#") { continue }
            // Components split at every `/` scalar, as `fnmatch(3)` and the kernel read them: split as `Character`s,
            // a `/` followed by a combining mark would hide the `..` after it.
            let components = line.unicodeScalars.split(separator: "/").map { String(Substring($0)) }
            guard !components.contains(".."), !line.unicodeScalars.contains("\0") else {
                throw RackError(.invalidParams, ".slugignore line \(index + 1) climbs out of the app with `..`: patterns name paths inside it.")
            }
            guard !components.isEmpty else { continue }
            let glob = components.filter { $0 != "." }.joined(separator: "/")
            let anchored = line.unicodeScalars.first == "/" || components.count > 1
            patterns.append(Pattern(glob: glob, matchesAnyDepth: !anchored))
        }
        self.patterns = patterns
    }

    public var isEmpty: Bool { patterns.isEmpty }

    /// Whether a path relative to the app root (no leading `/`) is ignored, itself or through a parent.
    public func ignores(_ relativePath: String) -> Bool {
        // Split at `/` scalars, as the patterns are: a name ending in a prepended mark (U+070F, U+0600…) forms one
        // `Character` with the `/` after it.
        let components = relativePath.unicodeScalars.split(separator: "/").map { String(Substring($0)) }
        for end in components.indices {
            let prefix = components[0...end].joined(separator: "/")
            let name = components[end]
            for pattern in patterns {
                let subject = pattern.matchesAnyDepth ? name : prefix
                if fnmatch(pattern.glob, subject, FNM_PATHNAME | FNM_PERIOD) == 0 { return true }
            }
        }
        return false
    }
}
