import Foundation
import RackCore

/// Watches a running build for what the kernel does not stop by itself: the push being cancelled (the hook hung
/// up), the time limit, and the disk the build dir and cache take (checked every 2 s; each file is also capped
/// by the kernel at the disk limit, and `/tmp` is a tmpfs of that size).
final class BuildWatchdog {
    enum Reason: Equatable {
        case cancelled, time, disk
    }

    let limits: BuildLimits
    let deadline: Date
    let directories: [String]
    let output: BuildOutput
    private(set) var reason: Reason?
    /// The first check after 2 s: a build that ends sooner cannot have written much (each file is capped anyway).
    private var nextDiskCheck = Date().addingTimeInterval(2)

    init(limits: BuildLimits, directories: [String], output: BuildOutput) {
        self.limits = limits
        deadline = Date().addingTimeInterval(TimeInterval(limits.timeout))
        self.directories = directories
        self.output = output
    }

    /// Asked while build code runs: true ends it.
    func shouldStop() -> Bool {
        if reason != nil { return true }
        if output.hookHasHungUp() {
            reason = .cancelled
        } else if Date() > deadline {
            reason = .time
        } else if Date() >= nextDiskCheck {
            nextDiskCheck = Date().addingTimeInterval(2)
            if diskUsage() > limits.disk { reason = .disk }
        }
        return reason != nil
    }

    /// Throws the user's message when the watchdog stopped the build.
    func check() throws(RackError) {
        switch reason {
        case nil: return
        case .cancelled: throw RackError(.unavailable, "The push was cancelled.")
        case .time: throw RackError(.invalidParams, "Build exceeded its time limit (\(DurationText.describe(limits.timeout))).")
        case .disk: throw RackError(.invalidParams, "Build exceeded its disk limit (\(ByteSize.describe(limits.disk))).")
        }
    }

    /// Bytes the build dir and cache take on disk (`du`, never following symlinks or leaving the file system).
    func diskUsage() -> Int {
        let result = ChildProcess.runToEnd("/usr/bin/du", ["-s", "-c", "-x", "-B1", "--"] + directories)
        let total = result.output.split(separator: "\n").last { $0.hasSuffix("total") }
        return total.flatMap { Int($0.split(whereSeparator: \.isWhitespace).first ?? "") } ?? 0
    }
}
