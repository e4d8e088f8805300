/// A conservative check of a git branch name: what `git check-ref-format --branch` accepts, narrowed
/// to letters, digits, `-`, `_`, `.` and `/`.
enum GitBranchName {
    static func isValid(_ name: String) -> Bool {
        guard (1...100).contains(name.utf8.count), !name.hasPrefix("-"), !name.hasPrefix("/"), !name.hasSuffix("/"),
            !name.hasSuffix(".lock"), !name.hasSuffix("."), !name.contains(".."), !name.contains("//"), !name.contains("@{")
        else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_./".unicodeScalars.contains(scalar))
        }
    }
}
