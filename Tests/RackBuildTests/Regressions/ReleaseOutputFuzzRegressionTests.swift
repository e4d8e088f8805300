import RackBuild
import RackCore
import Testing

/// Inputs `scripts/fuzz.sh` found (target ReleaseOutput): default process type names checked as the start of a
/// Procfile line, so a name holding `:` (or a newline, or starting with `#`) passed as whatever came before it.
@Suite struct ReleaseOutputFuzzRegressionTests {
    @Test(arguments: [
        "{addons: [a,~ b], config_vars: {A: \"1 \"},default_process_types: {web:. \"x\"}}",  // as found
        "default_process_types:\n  \"web: x\\nworker\": y\n",
        "default_process_types:\n  \"web: ../../etc\": y\n",
        "default_process_types:\n  \"#web\": y\n",
    ])
    func aProcessTypeNameThatIsNotOneIsRefused(text: String) {
        #expect {
            try ReleaseOutput(parsing: text)
        } throws: { error in
            (error as? RackError)?.message.contains("is not a process type name") == true
        }
    }

    @Test func nestingDeeperThanTheYAMLParserAllowsIsAnErrorNotACrash() {
        let deep = "a: " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
        #expect(throws: RackError.self) { try ReleaseOutput(parsing: deep) }
    }

    @Test func goodNamesStillPass() throws {
        let release = try ReleaseOutput(parsing: "default_process_types:\n  web: bin/server\n  worker_2-x: bin/work\n")
        #expect(release.defaultProcessTypes == ["web": "bin/server", "worker_2-x": "bin/work"])
    }
}
