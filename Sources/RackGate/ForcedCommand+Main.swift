import Foundation
import RackCore

extension ForcedCommand {
    /// Runs the forced command for this process and never returns: it exits, after git when git runs.
    public static func runAsMain() async -> Never {
        let outcome = await ForcedCommand(
            arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment
        ).run()
        switch outcome {
        case .exit(let status, let message):
            DescriptorWrite.standardError(message)
            exit(status)
        case .runGit(let executable, let arguments, let environment):
            exit(GitSession.run(executable: executable, arguments: arguments, environment: environment))
        }
    }
}
