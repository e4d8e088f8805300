import ArgumentParser
import Foundation
import RackCore

/// `rack builds`: an app's builds, newest first, as Convox shows them.
struct BuildsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "builds", abstract: "List an app's builds, newest first.")

    @OptionGroup var appOptions: AppOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let app = try appOptions.resolve()
        let builds = try await Session.client().builds(app: app).sorted { $0.createdAt > $1.createdAt }
        if output.json { return try Terminal.printJSON(builds) }
        var table = Table("ID", "STATUS", "RELEASE", "STARTED", "ELAPSED", "DESCRIPTION")
        for build in builds {
            table.add(
                build.id, build.status, build.releaseVersion.map { "v\($0)" } ?? "", Terminal.time(build.createdAt),
                BuildsListCommand.elapsed(build), build.sourceBlob.versionDescription ?? "")
        }
        print(table.rendered)
    }

    static func elapsed(_ build: BuildResource) -> String {
        let end = build.finishedAt ?? Date()
        let seconds = Int(end.timeIntervalSince(build.createdAt).rounded())
        return seconds >= 60 ? "\(seconds / 60)m\(seconds % 60)s" : "\(seconds)s"
    }
}

/// `rack builds:info ID`: one build.
struct BuildsInfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "builds:info", abstract: "Show one build.")

    @Argument(help: "The build's id.") var id: String
    @OptionGroup var appOptions: AppOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let build = try await Session.client().build(app: try appOptions.resolve(), id: id)
        if output.json { return try Terminal.printJSON(build) }
        var list = KeyValueList()
        list.add("Id", build.id)
        list.add("Status", build.status)
        list.add("Commit", build.sourceBlob.version ?? "")
        list.add("Description", build.sourceBlob.versionDescription ?? "")
        list.add("Buildpacks", build.buildpacks.map { $0.name == $0.url ? $0.url : "\($0.name) (\($0.url))" }.joined(separator: ", "))
        list.add("Started", Terminal.time(build.createdAt))
        list.add("Elapsed", BuildsListCommand.elapsed(build))
        list.add("Release", build.releaseVersion.map { "v\($0)" } ?? "none")
        list.add("Slug size", build.slugSize.map { "\($0) bytes" } ?? "")
        print("=== Build \(build.id)")
        print(list.rendered)
        // A build that did not release: why, in its own words.
        if build.status == "failed" || build.status == "cancelled" {
            let output = try await Session.client().buildOutput(app: try appOptions.resolve(), id: id)
            print("\n=== Output")
            print(output, terminator: output.hasSuffix("\n") || output.isEmpty ? "" : "\n")
        }
    }
}

/// `rack builds:logs ID`: a build's full output.
struct BuildsLogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "builds:logs", abstract: "Print a build's output.")

    @Argument(help: "The build's id.") var id: String
    @OptionGroup var appOptions: AppOptions

    func run() async throws {
        print(try await Session.client().buildOutput(app: try appOptions.resolve(), id: id), terminator: "")
    }
}
