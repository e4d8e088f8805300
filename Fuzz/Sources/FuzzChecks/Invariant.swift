/// Stops the fuzz run with a crash that libFuzzer records when an invariant of a parser does not hold.
///
/// The message names the invariant and shows the values involved, escaped so that control characters stay
/// readable in a CI log.
///
/// ```swift
/// let name = try AppName(validating: text)
/// invariant(AppName.isValid(name.rawValue), "a parsed app name re-validates", name.rawValue)
/// ```
public func invariant(
    _ holds: @autoclosure () -> Bool, _ claim: @autoclosure () -> String, _ values: Any...,
    file: StaticString = #fileID, line: UInt = #line
) {
    guard !holds() else { return }
    let shown = values.map { String(reflecting: $0) }.joined(separator: ", ")
    fatalError("Invariant broken: \(claim())\(shown.isEmpty ? "" : " — \(shown)")", file: file, line: line)
}

/// Whether `text` is a whole match of `pattern`, read one Unicode scalar at a time (as the byte-level rules of
/// Rack's names are written), not one `Character` at a time.
///
/// Used as an oracle independent of the parsers' own hand-written checks.
public func wholeMatch<Output>(_ text: String, _ pattern: Regex<Output>) -> Bool {
    (try? pattern.matchingSemantics(.unicodeScalar).wholeMatch(in: text)) != nil
}

/// The UTF-8 bytes of `text` split at every `/`, as the kernel and `fnmatch(3)` read a path.
public func pathComponents(ofBytes text: some StringProtocol) -> [ArraySlice<UInt8>] {
    Array(text.utf8).split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
}
