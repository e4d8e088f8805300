import Foundation
import RackCore

/// Short git commands the hook runs (read-tree, checkout-index, log), with the hook's environment (git's
/// quarantine variables included).
enum Git {
    static func run(_ arguments: [String], environment: [String: String], failure: String) throws(RackError) {
        let result = execute(arguments, environment: environment)
        guard result.status == 0 else {
            throw RackError(.unavailable, "\(failure): \(result.output.trimmingCharacters(in: .whitespacesAndNewlines).prefix(300))")
        }
    }

    static func output(_ arguments: [String], environment: [String: String]) throws(RackError) -> String {
        let result = execute(arguments, environment: environment)
        guard result.status == 0 else { throw RackError(.unavailable, "git \(arguments.first ?? "") failed.") }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func execute(_ arguments: [String], environment: [String: String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = arguments
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return (127, "cannot run git: \(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
