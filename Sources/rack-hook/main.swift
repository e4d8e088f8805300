import Foundation
import RackGate

// git-receive-pack's pre-receive hook: ref updates on stdin, output to the pushing user.
let updates = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
exit(await PreReceiveHook(environment: ProcessInfo.processInfo.environment).run(updates: updates))
