import RackCore
import Testing

@Suite struct ProcfileTests {
    @Test func readsTypesInOrderWithCommentsBlankLinesAndCRLF() throws {
        let text = "# processes\r\nweb: bundle exec puma -p $PORT\r\n\r\n  worker:   sidekiq -q default  \r\nrelease_task-2: rake db:migrate\n"
        let procfile = try Procfile(parsing: text)
        #expect(procfile.names == ["web", "worker", "release_task-2"])
        #expect(procfile.processTypes == ["web": "bundle exec puma -p $PORT", "worker": "sidekiq -q default", "release_task-2": "rake db:migrate"])
    }

    @Test func aCommandMayHoldColons() throws {
        #expect(try Procfile(parsing: "web: python -m http.server --bind 0.0.0.0:$PORT").processTypes["web"] == "python -m http.server --bind 0.0.0.0:$PORT")
    }

    @Test func anEmptyProcfileDeclaresNothing() throws {
        #expect(try Procfile(parsing: "\n# nothing\n").names.isEmpty)
    }

    @Test(arguments: [
        ("web: a\nno colon here\n", "line 2", "no `:`"),
        ("web: a\nweb server: b\n", "line 2", "not a process type name"),
        ("web:\n", "line 1", "has no command"),
        ("web: a\nweb: b\n", "line 2", "declared twice"),
        ("wéb: a\n", "line 1", "not a process type name"),
    ])
    func aMalformedLineIsNamed(text: String, line: String, why: String) {
        #expect {
            try Procfile(parsing: text)
        } throws: { error in
            guard let error = error as? RackError else { return false }
            return error.code == .invalidParams && error.message.contains(line) && error.message.contains(why)
        }
    }
}

@Suite struct SlugIgnoreTests {
    let ignore: SlugIgnore

    init() throws {
        ignore = try SlugIgnore(parsing: """
            # big things stay out
            *.psd

            /docs
            spec/fixtures
            tmp
            """)
    }

    @Test(arguments: ["logo.psd", "art/deep/logo.psd", "docs", "docs/guide.md", "spec/fixtures/a.json", "tmp", "a/b/tmp/c"])
    func ignored(path: String) {
        #expect(ignore.ignores(path))
    }

    @Test(arguments: ["logo.png", "src/docs", "src/docs/x", "app/spec/fixtures/a.json", "spec/other.rb", "tmpfile", "psd"])
    func kept(path: String) {
        #expect(!ignore.ignores(path))
    }

    @Test(arguments: ["../secret", "/../etc", "a/../../b"])
    func patternsThatClimbOutAreRefused(pattern: String) {
        #expect(throws: RackError.self) { try SlugIgnore(parsing: pattern) }
    }
}

@Suite struct DeployDecisionTests {
    static let sha = String(repeating: "a", count: 40)
    static let zero = DeployDecision.noObject

    @Test(arguments: ["master", "main"])
    func beforeTheFirstDeployMasterAndMainBuild(branch: String) {
        #expect(DeployDecision.decide(old: Self.zero, new: Self.sha, ref: "refs/heads/\(branch)", deployBranch: nil)
            == .build(branch: branch, commit: Self.sha))
    }

    @Test func onceChosenOnlyTheDeployBranchBuilds() {
        #expect(DeployDecision.decide(old: Self.zero, new: Self.sha, ref: "refs/heads/main", deployBranch: "master")
            == .pass(note: "Pushed branch main: only master deploys, so nothing was built."))
    }

    @Test func otherBranchesAndTagsPassWithANote() {
        guard case .pass(let note) = DeployDecision.decide(old: Self.zero, new: Self.sha, ref: "refs/tags/v1", deployBranch: "master") else {
            Issue.record("a tag should pass"); return
        }
        #expect(note.contains("tag v1"))
    }

    @Test func deletingTheDeployBranchIsRefused() {
        #expect(DeployDecision.decide(old: Self.sha, new: Self.zero, ref: "refs/heads/master", deployBranch: "master")
            == .refuse(message: "Deleting master, the branch this app deploys from, is not allowed."))
    }

    @Test func deletingAnotherBranchPasses() {
        guard case .pass = DeployDecision.decide(old: Self.sha, new: Self.zero, ref: "refs/heads/feature", deployBranch: "master") else {
            Issue.record("deleting a feature branch should pass"); return
        }
    }
}
