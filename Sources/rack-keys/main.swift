import Foundation
import RackGate

// sshd's AuthorizedKeysCommand: `rack-keys HOME %u %t %k`; prints one line, or nothing to refuse.
let servePath = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rack-serve").path
if let line = await AuthorizedKeysLookup.line(arguments: Array(CommandLine.arguments.dropFirst()), servePath: servePath) {
    print(line)
}
