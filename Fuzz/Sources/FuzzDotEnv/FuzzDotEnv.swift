import FuzzChecks
import RackCore

/// `DotEnv.decode(_:)` never traps or hangs on any text. What it decodes has valid names and survives
/// `encode`/`decode` unchanged, byte for byte. Any value, the input among them, quotes exactly as a POSIX shell
/// needs (`'` becomes `'\''`, byte by byte) and reads back unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDotEnv(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = FuzzInput(data, count).text

    // The input as a value: quoting is byte-exact, and the value reads back.
    invariant(Array(DotEnv.quote(text).utf8) == shellQuoted(Array(text.utf8)), "quote(_:) is byte for byte what sh needs", text)
    let single = ["VALUE": text]
    invariant(sameBytes(try? DotEnv.decode(DotEnv.encode(single)), single), "a value round-trips through encode and decode", text)

    // The input as a file.
    let vars: [String: String]
    do {
        vars = try DotEnv.decode(text)
    } catch {
        invariant(error.code == .invalidParams && error.message.hasPrefix("Line "), "a refusal names the line", text, error)
        return 0
    }
    for name in vars.keys {
        invariant(ConfigVarName.isValid(name), "a decoded name is a valid config var name", name, text)
    }
    let encoded = DotEnv.encode(vars)
    invariant(sameBytes(try? DotEnv.decode(encoded), vars), "decoded vars round-trip through encode and decode", text, encoded)
    return 0
}

/// `'` + bytes with every `'` written `'\''` + `'`: how a POSIX shell reads any bytes back from single quotes.
private func shellQuoted(_ bytes: [UInt8]) -> [UInt8] {
    let quote = UInt8(ascii: "'")
    return [quote] + bytes.flatMap { $0 == quote ? Array("'\\''".utf8) : [$0] } + [quote]
}

/// Equal keys and values, compared as UTF-8 bytes: `String`'s `==` calls canonically equivalent text equal.
private func sameBytes(_ lhs: [String: String]?, _ rhs: [String: String]) -> Bool {
    guard let lhs, lhs.count == rhs.count else { return false }
    return rhs.allSatisfy { name, value in
        lhs.contains { Array($0.key.utf8) == Array(name.utf8) && Array($0.value.utf8) == Array(value.utf8) }
    }
}
