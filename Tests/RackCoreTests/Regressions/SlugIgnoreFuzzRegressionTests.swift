import RackCore
import Testing

/// Inputs `scripts/fuzz.sh` found (target SlugIgnore): split as `Character`s, a `/` that a combining mark follows,
/// or that follows a prepended mark, is no separator, though `fnmatch(3)` and the kernel read one there.
@Suite struct SlugIgnoreFuzzRegressionTests {
    @Test(arguments: [
        "a/./.::::::::\":::::.::::::\u{FFFD}/../\u{65D}",  // as found: `/` then U+065D hid the `..` before it
        "a/../\u{301}b", "../\u{338}etc", "x\u{70F}/../y",
    ])
    func aPatternWithADotDotComponentIsRefused(line: String) {
        #expect {
            try SlugIgnore(parsing: line + "\n")
        } throws: { error in
            (error as? RackError)?.message.contains("climbs out of the app") == true
        }
    }

    @Test func anIgnoredDirectoryWhoseNameEndsInAPrependedMarkIgnoresWhatIsUnderIt() throws {
        // As found: `\u{70F}/` is one `Character`, so the path did not split into the directory and its child.
        let name = "\u{FFFD}\u{FFFD}\u{70F}"
        let ignore = try SlugIgnore(parsing: ".psc\u{9A2DE}\n\(name)\n")
        #expect(ignore.ignores(name))
        #expect(ignore.ignores(name + "/child"))
        #expect(ignore.ignores("src/" + name + "/child"))
    }
}
