import ArgumentParser
import RackCore

/// `--build-memory 2G --build-processes 512 …`: the limits of every build; without a flag, Rack's defaults.
struct BuildLimitOptions: ParsableArguments {
    @Option(help: "Memory of a build, all its processes together (default 2G).") var buildMemory: String?
    @Option(help: "Processes and threads a build may run at once (default 512).") var buildProcesses: Int?
    @Option(help: "A build's CPU weight, 2–262144; 1024 is a normal process (default 512).") var buildCpuShares: Int?
    @Option(help: "How long a build may take, e.g. 15m, 900s, 1h (default 15m).") var buildTimeout: String?
    @Option(help: "Disk a build may write into its build dir, cache and /tmp (default 4G).") var buildDisk: String?
    @Option(help: "A build's network: host (buildpacks may download) or none (loopback only) (default host).") var buildNetwork: String?

    /// The options given, as overrides of whatever they apply to.
    func overrides() throws -> BuildLimits.Overrides {
        var network: NetworkPolicy?
        if let buildNetwork {
            guard let policy = NetworkPolicy(rawValue: buildNetwork) else {
                throw ValidationError("--build-network is host or none, not \(buildNetwork).")
            }
            network = policy
        }
        return BuildLimits.Overrides(
            memory: try buildMemory.map(ByteSize.parse), processes: buildProcesses, cpuShares: buildCpuShares,
            timeout: try buildTimeout.map(DurationText.parse), disk: try buildDisk.map(ByteSize.parse), network: network)
    }
}
