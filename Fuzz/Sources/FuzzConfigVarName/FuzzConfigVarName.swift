import FuzzChecks
import RackCore

/// `ConfigVarName(validating:)` and `ConfigVarName.isValid(_:)` agree with `^[A-Za-z_][A-Za-z0-9_]*$` at most 256
/// bytes long, read byte by byte; a parsed name re-validates.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfigVarName(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = FuzzInput(data, count).text
    let followsRule = wholeMatch(text, /[A-Za-z_][A-Za-z0-9_]{0,255}/)

    invariant(ConfigVarName.isValid(text) == followsRule, "isValid agrees with ^[A-Za-z_][A-Za-z0-9_]{0,255}$", text)
    let parsed = try? ConfigVarName(validating: text)
    invariant((parsed != nil) == followsRule, "ConfigVarName(validating:) agrees with the rule", text)
    if let parsed {
        invariant(parsed.rawValue == text, "a parsed name keeps the text", text)
        invariant((try? ConfigVarName(validating: parsed.rawValue)) == parsed, "a parsed name re-validates", text)
    }
    return 0
}
