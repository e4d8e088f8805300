/// What one build may use. The rack sets defaults (`rackd serve --build-memory …`); an operator may set other
/// values for one app (`rackd apps:limits APP …`), which ``applying(_:)`` lays over them.
public struct BuildLimits: Codable, Hashable, Sendable {
    /// Memory of every process of the build together, in bytes (cgroup memory limit).
    public var memory: Int
    /// Processes and threads at once (cgroup pids limit).
    public var processes: Int
    /// The build's CPU weight against other work (cgroup v1 `cpu.shares`, 2–262144; 1024 is a normal process).
    public var cpuShares: Int
    /// How long the whole build may take, in seconds.
    public var timeout: Int
    /// Bytes the build may write into its build dir, cache and `/tmp` together.
    public var disk: Int
    public var network: NetworkPolicy

    /// What a small team would pick: 2 GiB, 512 processes, half a normal CPU weight, 15 minutes, 4 GiB of disk,
    /// the host's network.
    public static let defaults = BuildLimits(
        memory: 2 << 30, processes: 512, cpuShares: 512, timeout: 15 * 60, disk: 4 << 30, network: .host)

    public init(memory: Int, processes: Int, cpuShares: Int, timeout: Int, disk: Int, network: NetworkPolicy) {
        self.memory = memory
        self.processes = processes
        self.cpuShares = cpuShares
        self.timeout = timeout
        self.disk = disk
        self.network = network
    }

    /// These limits with an app's own values where it has them.
    public func applying(_ overrides: Overrides) -> BuildLimits {
        BuildLimits(
            memory: overrides.memory ?? memory, processes: overrides.processes ?? processes,
            cpuShares: overrides.cpuShares ?? cpuShares, timeout: overrides.timeout ?? timeout, disk: overrides.disk ?? disk,
            network: overrides.network ?? network)
    }

    /// One app's own limits; nil keeps the rack's.
    public struct Overrides: Codable, Hashable, Sendable {
        public var memory: Int?
        public var processes: Int?
        public var cpuShares: Int?
        public var timeout: Int?
        public var disk: Int?
        public var network: NetworkPolicy?

        public init(
            memory: Int? = nil, processes: Int? = nil, cpuShares: Int? = nil, timeout: Int? = nil, disk: Int? = nil,
            network: NetworkPolicy? = nil
        ) {
            self.memory = memory
            self.processes = processes
            self.cpuShares = cpuShares
            self.timeout = timeout
            self.disk = disk
            self.network = network
        }

        public var isEmpty: Bool { self == Overrides() }

        enum CodingKeys: String, CodingKey {
            case memory, processes, timeout, disk, network
            case cpuShares = "cpu_shares"
        }
    }

    /// - Throws: ``RackError`` `.invalidParams` naming the limit that is out of range.
    public func validated() throws(RackError) -> BuildLimits {
        guard memory >= 16 << 20 else { throw RackError(.invalidParams, "A build needs at least 16M of memory.") }
        guard (8...1_000_000).contains(processes) else { throw RackError(.invalidParams, "Processes must be 8 to 1000000.") }
        guard (2...262_144).contains(cpuShares) else { throw RackError(.invalidParams, "CPU shares must be 2 to 262144.") }
        guard (10...86_400).contains(timeout) else { throw RackError(.invalidParams, "The build timeout must be 10s to 24h.") }
        guard disk >= 16 << 20 else { throw RackError(.invalidParams, "A build needs at least 16M of disk.") }
        return self
    }

    /// `memory 2G, processes 512, cpu shares 512, timeout 15m, disk 4G, network host`.
    public var summary: String {
        "memory \(ByteSize.describe(memory)), processes \(processes), cpu shares \(cpuShares), timeout \(DurationText.describe(timeout)), disk \(ByteSize.describe(disk)), network \(network.rawValue)"
    }

    enum CodingKeys: String, CodingKey {
        case memory, processes, timeout, disk, network
        case cpuShares = "cpu_shares"
    }
}
