import Foundation
import Testing

/// `git push rack master` started in the background, what it prints going to a file; the initializer returns
/// once the push printed `started` (the build is running).
struct BackgroundPush {
    let process: Process
    let log: String
    /// What the push had printed when `started` appeared.
    private(set) var outputWhenStarted = ""

    init(_ rack: BuildingRack, repository: String, started: String) throws {
        log = rack.rack.scratch + "/push-\(UUID().uuidString).log"
        FileManager.default.createFile(atPath: log, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["push", "rack", "master"]
        process.currentDirectoryURL = URL(fileURLWithPath: repository)
        process.environment = ProcessInfo.processInfo.environment.merging(rack.git.environment) { $1 }
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !outputWhenStarted.contains(started) {
            outputWhenStarted = output
            if !outputWhenStarted.contains(started) { Thread.sleep(forTimeInterval: 0.05) }
        }
        try #require(outputWhenStarted.contains(started), "the build never started: \(output)")
    }

    var output: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    /// Waits (up to 30 s) for the push to end; its exit status.
    func waitForEnd() -> Int32? {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, process.isRunning { Thread.sleep(forTimeInterval: 0.05) }
        return process.isRunning ? nil : process.terminationStatus
    }
}
