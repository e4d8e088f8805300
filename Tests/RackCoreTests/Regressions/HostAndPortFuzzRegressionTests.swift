import RackCore
import Testing

/// Inputs `scripts/fuzz.sh` found (target HostAndPort): hosts that parsed but whose description read back as
/// another host.
@Suite struct HostAndPortFuzzRegressionTests {
    @Test(arguments: [
        "[[x]]:1",  // the host `[x]`, printed `[x]:1`, read back as `x`
        "\u{746}Y\u{FFFD}\u{FFFD}\u{FFFD}::4::0\u{1}\u{FFFD}\u{FFFD}:1",  // as found: U+0746 joined the `[` of its description
        "[\u{301}::1]:80", "host\u{301}:80", "h\u{0}st:80", "caf\u{E9}.example:80",
    ])
    func refused(text: String) {
        #expect(throws: RackError.self) { try HostAndPort(parsing: text) }
    }

    @Test(arguments: ["127.0.0.1:5000", "[::1]:2222", "fe80::1%eth0:80", "xn--caf-dma.example:443"])
    func descriptionReadsBack(text: String) throws {
        let address = try HostAndPort(parsing: text)
        #expect(try HostAndPort(parsing: address.description) == address)
    }
}
