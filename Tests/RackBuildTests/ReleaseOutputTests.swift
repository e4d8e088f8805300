import RackBuild
import RackCore
import Testing

@Suite struct ReleaseOutputTests {
    @Test(arguments: ["", "---", "--- {}", "---\n", "\n\n", "~"])
    func emptyOutputsMeanNothing(text: String) throws {
        #expect(try ReleaseOutput(parsing: text) == ReleaseOutput.empty)
    }

    @Test func allThreeKeysAreRead() throws {
        let release = try ReleaseOutput(parsing: """
            ---
            addons:
              - heroku-postgresql
            config_vars:
              LANG: en_US.UTF-8
              WORKERS: 4
            default_process_types:
              web: bin/server --port $PORT
              worker: bin/jobs
            unknown_key: ignored
            """)
        #expect(release.addons == ["heroku-postgresql"])
        #expect(release.configVars == ["LANG": "en_US.UTF-8", "WORKERS": "4"])
        #expect(release.defaultProcessTypes == ["web": "bin/server --port $PORT", "worker": "bin/jobs"])
    }

    @Test(arguments: [
        ("- a list\n- not a mapping\n", "mapping"),
        ("default_process_types: [web]\n", "default_process_types must be a mapping"),
        ("config_vars:\n  1BAD: x\n", "Config var name"),
        ("default_process_types:\n  'web server': x\n", "not a process type name"),
        ("addons: {a: b}\n", "addons must be a list"),
        ("key: [unclosed\n", "does not parse"),
    ])
    func badYAMLSaysWhatIsWrong(text: String, expected: String) {
        #expect {
            try ReleaseOutput(parsing: text)
        } throws: { error in
            (error as? RackError)?.code == .invalidParams && (error as? RackError)!.message.contains(expected)
        }
    }

    @Test func theProcfileWinsOverBuildpackDefaults() throws {
        let release = try ReleaseOutput(parsing: "default_process_types:\n  web: default-web\n  console: irb\n")
        let types = ProcessTypes(procfile: try Procfile(parsing: "web: my-web\nworker: jobs\n"), release: release)
        #expect(types.types == ["web": "my-web", "worker": "jobs", "console": "irb"])
        #expect(types.summary == "Procfile declares types -> web, worker")
    }

    @Test func withoutAProcfileTheDefaultsApply() throws {
        let types = ProcessTypes(procfile: nil, release: try ReleaseOutput(parsing: "default_process_types:\n  web: server\n"))
        #expect(types.types == ["web": "server"])
        #expect(types.summary == "Default types for buildpack -> web")
    }
}

@Suite struct BuildpackSourceTests {
    @Test(arguments: [
        ("https://github.com/heroku/heroku-buildpack-python.git#v250", BuildpackSource.git(url: "https://github.com/heroku/heroku-buildpack-python.git", ref: "v250")),
        ("https://github.com/heroku/heroku-buildpack-ruby", .git(url: "https://github.com/heroku/heroku-buildpack-ruby", ref: nil)),
        ("file:///srv/buildpacks/static#main", .git(url: "file:///srv/buildpacks/static", ref: "main")),
        ("file:///srv/buildpacks/static#0123456789abcdef0123456789abcdef01234567", .git(url: "file:///srv/buildpacks/static", ref: "0123456789abcdef0123456789abcdef01234567")),
        ("https://example.com/buildpacks/go.tgz", .tarball(url: "https://example.com/buildpacks/go.tgz")),
        ("file:///srv/python.tar.gz", .tarball(url: "file:///srv/python.tar.gz")),
    ])
    func parses(text: String, expected: BuildpackSource) throws {
        let source = try BuildpackSource(parsing: text)
        #expect(source == expected)
        #expect(source.description == text)
    }

    @Test(arguments: [
        "", "not a url", "ftp://example.com/bp.git", "https://example.com/bp.git#--upload-pack=evil",
        "https://example.com/bp.git#../../etc", "https://example.com/bp.tgz#v1", "git://example.com/bp.tgz",
        "https://example.com/bp.git#", "https://exa mple.com/bp.git", "https://example.com/bp.git#ref;id", "-oProxyCommand=x",
    ])
    func refusesWithTheURLNamed(text: String) {
        #expect {
            try BuildpackSource(parsing: text)
        } throws: { error in
            (error as? RackError)?.code == .invalidParams && (error as? RackError)!.message.hasPrefix("Buildpack URL")
        }
    }

    @Test func theCacheKeyIsOnePerURLAndRef() throws {
        let a = try BuildpackSource(parsing: "https://example.com/bp.git#v1")
        let b = try BuildpackSource(parsing: "https://example.com/bp.git#v2")
        #expect(a.cacheKey != b.cacheKey)
        #expect(a.cacheKey == (try BuildpackSource(parsing: "https://example.com/bp.git#v1")).cacheKey)
        #expect(a.cacheKey.count == 64)
    }
}
