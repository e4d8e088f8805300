import FuzzChecks
import Foundation
import RackCore

/// `AppName(validating:)` and `AppName.isValid(_:)` agree with the rule `^[a-z][a-z0-9-]{2,29}$` read byte by byte,
/// and so does decoding an app name from JSON; a parsed name re-validates and round-trips through JSON.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAppName(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = FuzzInput(data, count).text
    let followsRule = wholeMatch(text, /[a-z][a-z0-9\-]{2,29}/)

    invariant(AppName.isValid(text) == followsRule, "isValid agrees with ^[a-z][a-z0-9-]{2,29}$", text)
    let parsed = try? AppName(validating: text)
    invariant((parsed != nil) == followsRule, "AppName(validating:) agrees with the rule", text)

    // Decoding from JSON goes through the same rule.
    let json = try! JSONEncoder().encode(text)
    let decoded = try? JSONDecoder().decode(AppName.self, from: json)
    invariant((decoded != nil) == followsRule, "decoding an AppName from JSON agrees with the rule", text)

    if let parsed {
        invariant(parsed.rawValue == text && parsed.description == text, "a parsed name keeps the text", text)
        invariant((try? AppName(validating: parsed.rawValue)) == parsed, "a parsed name re-validates", text)
        let encoded = try! JSONEncoder().encode(parsed)
        invariant(try! JSONDecoder().decode(AppName.self, from: encoded) == parsed, "a name round-trips through JSON", text)
    }
    return 0
}
