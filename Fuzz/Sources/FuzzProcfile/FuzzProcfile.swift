import FuzzChecks
import RackCore

/// `Procfile(parsing:)` never traps. A parsed Procfile's names match `[A-Za-z0-9_-]+` (at most 63 bytes) and are
/// unique; every command is one line, not empty, without surrounding blanks; written back out as `name: command`
/// lines it parses to the same Procfile. (A bare CR inside a command is kept, as Heroku keeps it.)
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProcfile(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = FuzzInput(data, count).text
    let procfile: Procfile
    do {
        procfile = try Procfile(parsing: text)
    } catch {
        invariant(error.code == .invalidParams && !error.message.isEmpty, "a refusal is invalid_params with a reason", text, error)
        return 0
    }
    invariant(text.utf8.count <= Procfile.largest, "an accepted Procfile is at most 64 KiB", text.utf8.count)
    for (name, command) in procfile.entries {
        invariant(wholeMatch(name, /[A-Za-z0-9_\-]{1,63}/), "a process type name matches [A-Za-z0-9_-]{1,63}", name, text)
        invariant(!command.isEmpty, "a command is not empty", name, text)
        invariant(!command.unicodeScalars.contains("\n"), "a command is one line", command, text)
        invariant(
            command.first != " " && command.first != "\t" && command.last != " " && command.last != "\t",
            "a command has no surrounding blanks", command)
    }
    invariant(Set(procfile.names).count == procfile.names.count, "names are unique", procfile.names)
    invariant(procfile.processTypes.count == procfile.entries.count, "every entry is a process type", procfile.names)

    // Written back, a command must stay its own text: not end in a CR (CR LF ends a line), nor start with a
    // combining mark (it would join the space after the colon into one `Character`).
    let writable = procfile.entries.allSatisfy {
        $0.command.unicodeScalars.last != "\r" && (" " + $0.command).count == $0.command.count + 1
    }
    guard writable else { return 0 }
    let written = procfile.entries.map { "\($0.name): \($0.command)\n" }.joined()
    invariant((try? Procfile(parsing: written)) == procfile, "the Procfile written back parses to itself", text, written)
    return 0
}
