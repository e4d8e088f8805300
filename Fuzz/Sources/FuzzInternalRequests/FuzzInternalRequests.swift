import Foundation
import FuzzChecks
import RackCore

/// The internal API's request bodies (`InternalPushRequest`, `InternalAccessRequest`, `InternalBuildEnd`), decoded
/// from any bytes with `ResourceCoding.makeDecoder()`, never trap; a decoded body encodes with
/// `ResourceCoding.makeEncoder()` and decodes back to itself.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInternalRequests(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let body = Data(FuzzInput(data, count).bytes)
    roundTrip(InternalPushRequest.self, body)
    roundTrip(InternalAccessRequest.self, body)
    roundTrip(InternalBuildEnd.self, body)
    return 0
}

private func roundTrip<Body: Codable & Equatable>(_ type: Body.Type, _ body: Data) {
    guard let decoded = try? ResourceCoding.makeDecoder().decode(type, from: body) else { return }
    let encoded: Data
    do { encoded = try ResourceCoding.makeEncoder().encode(decoded) } catch {
        invariant(false, "a decoded \(type) encodes", decoded, error)
        return
    }
    let again = try? ResourceCoding.makeDecoder().decode(type, from: encoded)
    invariant(again == decoded, "a decoded \(type) round-trips", decoded, String(decoding: encoded, as: UTF8.self))
}
