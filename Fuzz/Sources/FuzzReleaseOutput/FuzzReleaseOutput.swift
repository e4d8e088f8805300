import FuzzChecks
import RackBuild
import RackCore

/// `ReleaseOutput(parsing:)`, YAML through Yams, never traps, overflows the stack or hangs on what a buildpack's
/// `bin/release` prints (untrusted: buildpacks run the app's code). What it accepts has valid config var names and
/// process type names that follow the Procfile's rule.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReleaseOutput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = FuzzInput(data, count).text
    let release: ReleaseOutput
    do {
        release = try ReleaseOutput(parsing: text)
    } catch {
        invariant(error.code == .invalidParams && !error.message.isEmpty, "a refusal is invalid_params with a reason", text, error)
        return 0
    }
    invariant(text.utf8.count <= ReleaseOutput.largest, "accepted output is at most 64 KiB", text.utf8.count)
    for name in release.configVars.keys {
        invariant(ConfigVarName.isValid(name), "a config var name is valid", name, text)
    }
    for name in release.defaultProcessTypes.keys {
        invariant(wholeMatch(name, /[A-Za-z0-9_\-]{1,63}/), "a process type name matches [A-Za-z0-9_-]{1,63}", name, text)
    }
    return 0
}
