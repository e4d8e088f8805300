import RackCore
import Testing

@Suite struct NameTests {
    @Test(arguments: ["abc", "my-app", "a12", "a-b-c", "abcdefghijklmnopqrstuvwxyz1234"])
    func validAppNames(name: String) throws {
        #expect(try AppName(validating: name).rawValue == name)
    }

    @Test(arguments: [
        "", "ab", "Abc", "1abc", "-abc", "my_app", "my app", "my.app", "abcdefghijklmnopqrstuvwxyz12345", "app/x", "../etc",
        "ápp", "app\n", "app;rm",
    ])
    func invalidAppNamesAreRefusedWithTheRule(name: String) {
        #expect {
            try AppName(validating: name)
        } throws: { error in
            (error as? RackError)?.code == .invalidParams && (error as? RackError)!.message.contains("lowercase letter first")
        }
    }

    @Test(arguments: ["A", "_", "DATABASE_URL", "lower_case", "x1", "_PRIVATE"])
    func validConfigVarNames(name: String) throws {
        #expect(try ConfigVarName(validating: name).rawValue == name)
    }

    @Test(arguments: ["", "1A", "A-B", "A B", "A=B", "Ä", "A.B", String(repeating: "A", count: 257)])
    func invalidConfigVarNamesAreRefused(name: String) {
        #expect(throws: RackError.self) { try ConfigVarName(validating: name) }
    }

    @Test(arguments: [
        ("127.0.0.1:5000", "127.0.0.1", 5000), ("localhost:0", "localhost", 0), ("[::1]:2222", "::1", 2222),
    ])
    func hostAndPortParses(text: String, host: String, port: Int) throws {
        let address = try HostAndPort(parsing: text)
        #expect(address.host == host)
        #expect(address.port == port)
    }

    @Test(arguments: ["", "5000", "host:", "host:99999", ":80", "host:port", "a b:1"])
    func hostAndPortRefusesGarbage(text: String) {
        #expect(throws: RackError.self) { try HostAndPort(parsing: text) }
    }
}
