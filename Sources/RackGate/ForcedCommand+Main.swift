import Foundation

extension ForcedCommand {
    /// Runs the forced command for this process and never returns: it exits, or becomes git.
    public static func runAsMain() async -> Never {
        let outcome = await ForcedCommand(
            arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment
        ).run()
        switch outcome {
        case .exit(let status, let message):
            FileHandle.standardError.write(Data((message + "\n").utf8))
            exit(status)
        case .exec(let executable, let arguments, let environment):
            let argv = arguments.map { strdup($0) } + [nil]
            let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
            execve(executable, argv, envp)
            FileHandle.standardError.write(Data("\(unavailable)\n".utf8))
            exit(1)
        }
    }
}
