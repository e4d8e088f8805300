import ArgumentParser
import RackCore
import RackStore

/// `rackd apps:limits APP [--build-memory 4G …] [--reset]`: an operator sets one app's build limits (its users
/// cannot: limits live with the operator, not in the app's config). Without options it shows them.
struct AppsLimitsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apps:limits",
        abstract: "Show or set one app's build limits (memory, processes, CPU, time, disk, network) over the rack's.")

    @Argument(help: "The app's name or id.") var app: String
    @OptionGroup var limits: BuildLimitOptions
    @Flag(help: "Forget the app's own limits: it builds with the rack's again.") var reset = false
    @OptionGroup var home: HomeOption

    func run() async throws {
        let store = try RackStore(home: try home.resolve())
        guard var record = try await store.app(app) else {
            throw RackError(.notFound, "No app is called \(app): list them with `rack apps`.")
        }
        let given = try limits.overrides()
        if reset || !given.isEmpty {
            var merged = reset ? BuildLimits.Overrides() : record.buildLimits
            if let value = given.memory { merged.memory = value }
            if let value = given.processes { merged.processes = value }
            if let value = given.cpuShares { merged.cpuShares = value }
            if let value = given.timeout { merged.timeout = value }
            if let value = given.disk { merged.disk = value }
            if let value = given.network { merged.network = value }
            _ = try BuildLimits.defaults.applying(merged).validated()
            record = try await store.setBuildLimits(appID: record.id, merged)
        }
        let own = record.buildLimits
        print("=== \(record.name) build limits\(own.isEmpty ? " (the rack's)" : "")")
        print(own.isEmpty ? "(none of its own: the rack's apply, see rackd serve --help)" : describe(own))
    }

    private func describe(_ own: BuildLimits.Overrides) -> String {
        var lines: [String] = []
        if let memory = own.memory { lines.append("memory:      \(ByteSize.describe(memory))") }
        if let processes = own.processes { lines.append("processes:   \(processes)") }
        if let shares = own.cpuShares { lines.append("cpu shares:  \(shares)") }
        if let timeout = own.timeout { lines.append("timeout:     \(DurationText.describe(timeout))") }
        if let disk = own.disk { lines.append("disk:        \(ByteSize.describe(disk))") }
        if let network = own.network { lines.append("network:     \(network.rawValue)") }
        return lines.joined(separator: "\n")
    }
}
