import FuzzChecks
import RackBuild
import RackCore

/// `BuildpackSource(parsing:)` never traps. A parsed source is printable ASCII with an allowed scheme; a tarball
/// has no ref and is fetched over http(s) or from a file; a git ref cannot read as an option to git or climb out
/// (no leading `-`, no `..`, no trailing `/`); the description parses back to the same source; the cache key is
/// 64 hex digits.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBuildpackSource(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = FuzzInput(data, count).text
    let source: BuildpackSource
    do {
        source = try BuildpackSource(parsing: text)
    } catch {
        invariant(error.code == .invalidParams && !error.message.isEmpty, "a refusal is invalid_params with a reason", text, error)
        return 0
    }
    let printable = { (text: String) in text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7f } }
    switch source {
    case .tarball(let url):
        invariant(printable(url), "the URL is printable ASCII", source, text)
        invariant(["https://", "http://", "file://"].contains { url.hasPrefix($0) }, "a tarball is http(s) or file", source)
        invariant(url.hasSuffix(".tgz") || url.hasSuffix(".tar.gz"), "a tarball ends in .tgz or .tar.gz", source)
    case .git(let url, let ref):
        invariant(printable(url) && !url.contains("#"), "the URL is printable ASCII without #", source, text)
        invariant(["https://", "http://", "file://", "git://", "ssh://"].contains { url.hasPrefix($0) }, "the scheme is allowed", source)
        if let ref {
            invariant(wholeMatch(ref, /[A-Za-z0-9._\/\-]{1,255}/), "a ref is [A-Za-z0-9._/-]{1,255}", source, text)
            invariant(!ref.hasPrefix("-") && !ref.contains("..") && !ref.hasSuffix("/"), "a ref is no option and does not climb", source)
        }
    }
    invariant((try? BuildpackSource(parsing: source.description)) == source, "the description parses back", source, text)
    invariant(wholeMatch(source.cacheKey, /[0-9a-f]{64}/), "the cache key is 64 hex digits", source.cacheKey)
    return 0
}
