import FuzzChecks
import RackCore

/// `SSHCommand(parsing:)` accepts exactly the commands of its documented grammar, written here as a regular
/// expression read byte by byte: a git verb, one space, and `APP`, `APP.git`, `/APP` or `/APP.git`, bare or in
/// single quotes. An accepted command names an app that re-validates, and its canonical form parses back to it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSSHCommand(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = FuzzInput(data, count).text
    let grammar = /(git-receive-pack|git receive-pack|git-upload-pack|git upload-pack) ('\/?([a-z][a-z0-9\-]{2,29})(\.git)?'|\/?([a-z][a-z0-9\-]{2,29})(\.git)?)/
    let match = try? grammar.matchingSemantics(.unicodeScalar).wholeMatch(in: text)

    let command: SSHCommand
    do {
        command = try SSHCommand(parsing: text)
    } catch {
        invariant(match == nil, "a command of the grammar is accepted", text, error.message)
        invariant(!error.message.isEmpty, "a refusal says why", text)
        return 0
    }
    guard let match else {
        invariant(false, "only commands of the grammar are accepted", text, command)
        return 0
    }
    let verb: SSHCommand.Verb = match.output.1.hasSuffix("receive-pack") ? .receivePack : .uploadPack
    let app = String(match.output.3 ?? match.output.5 ?? "")
    invariant(command.verb == verb, "the verb is the one asked for", text, command)
    invariant(command.app.rawValue == app, "the app is the one in the path", text, command)
    invariant(AppName.isValid(command.app.rawValue), "the app name re-validates", text, command)
    invariant(text.utf8.count <= SSHCommand.longest, "an accepted command is at most \(SSHCommand.longest) bytes", text)

    let canonical = "\(command.verb.rawValue) '\(command.app.rawValue).git'"
    invariant((try? SSHCommand(parsing: canonical)) == command, "the canonical form parses back", text, canonical)
    return 0
}
