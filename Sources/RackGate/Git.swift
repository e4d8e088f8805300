import Foundation
import RackCore

/// Short git commands the hook runs (checkout, log), with the hook's environment (git's quarantine variables
/// included).
enum Git {
    static func run(_ arguments: [String], environment: [String: String], failure: String) throws(RackError) {
        let result = ChildProcess.runToEnd("/usr/bin/git", arguments, environment: environment)
        guard result.status == 0 else {
            throw RackError(.unavailable, "\(failure): \(result.output.trimmingCharacters(in: .whitespacesAndNewlines).prefix(300))")
        }
    }

    static func output(_ arguments: [String], environment: [String: String]) throws(RackError) -> String {
        let result = ChildProcess.runToEnd("/usr/bin/git", arguments, environment: environment)
        guard result.status == 0 else { throw RackError(.unavailable, "git \(arguments.first ?? "") failed.") }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
