/// The rule for what may appear in the `command="…"` of an `authorized_keys` line: absolute paths of
/// letters, digits, `/`, `.`, `_` and `-`, so that nothing needs quoting and nothing can break out.
public enum ForcedCommandLine {
    public static func isSafe(_ path: String) -> Bool {
        path.hasPrefix("/") && !path.contains("..") && path.utf8.count < 512
            && path.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "/._-".unicodeScalars.contains($0)) }
    }
}
