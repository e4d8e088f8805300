import FuzzChecks
import RackCore

/// `HostAndPort(parsing:)` never traps. A parsed address has a port from 0 to 65535 and a host that is not empty
/// and holds no space or `/`; its description parses back to the same address.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHostAndPort(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = FuzzInput(data, count).text
    let address: HostAndPort
    do {
        address = try HostAndPort(parsing: text)
    } catch {
        invariant(error.code == .invalidParams && !error.message.isEmpty, "a refusal is invalid_params with a reason", text, error)
        return 0
    }
    invariant((0...65535).contains(address.port), "the port is from 0 to 65535", address, text)
    invariant(!address.host.isEmpty, "the host is not empty", address, text)
    invariant(!address.host.unicodeScalars.contains { $0 == " " || $0 == "/" }, "the host holds no space or /", address, text)
    invariant((try? HostAndPort(parsing: address.description)) == address, "the description parses back", address, text)
    return 0
}
