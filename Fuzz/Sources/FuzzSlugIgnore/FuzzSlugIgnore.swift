import FuzzChecks
import RackCore

/// `SlugIgnore(parsing:)` and `ignores(_:)` never trap. The input is a `.slugignore`, then optionally a NUL byte
/// and paths to ask about, one a line (without a NUL, the file's own lines are the paths).
///
/// As the type's documentation claims, a pattern line with a `..` component (as the kernel and `fnmatch(3)` read
/// it: bytes between `/`s) is refused, so no pattern can name a path outside the app. A path that is ignored
/// ignores everything under it ("itself or through a parent"), and an empty file ignores nothing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSlugIgnore(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let (file, question) = FuzzInput(data, count).split(at: 0)
    let text = file.text
    let ignore: SlugIgnore
    do {
        ignore = try SlugIgnore(parsing: text)
    } catch {
        invariant(error.code == .invalidParams && !error.message.isEmpty, "a refusal is invalid_params with a reason", text, error)
        return 0
    }
    for line in patternLines(of: text) {
        invariant(!pathComponents(ofBytes: line).contains(Array("..".utf8)[...]), "a pattern with a `..` component is refused", line, text)
    }

    let paths = (question?.text ?? text).split(separator: "\n").map { $0.drop { $0 == "/" } }
    for path in paths.prefix(64) {
        let ignored = ignore.ignores(String(path))
        if ignore.isEmpty { invariant(!ignored, "an empty .slugignore ignores nothing", String(path)) }
        if ignored, !path.isEmpty {
            invariant(ignore.ignores(path + "/child"), "a path ignored ignores everything under it", String(path), text)
        }
    }
    return 0
}

/// The lines of a `.slugignore` that are patterns: not blank, not `#` comments, a trailing CR and surrounding spaces
/// and tabs dropped. Read one Unicode scalar at a time, as a shell or the kernel would, not one `Character` at a time.
private func patternLines(of text: String) -> [String] {
    let blank: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" }
    return Array(text.unicodeScalars).split(separator: "\n").compactMap { line in
        var scalars = line.last == "\r" ? line.dropLast() : line
        scalars = scalars.drop(while: blank)
        while let last = scalars.last, blank(last) { scalars = scalars.dropLast() }
        guard let first = scalars.first, first != "#" else { return nil }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }
}
