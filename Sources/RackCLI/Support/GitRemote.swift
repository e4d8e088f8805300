import Foundation

/// The git remote that ties a work tree to an app: `ssh://git@host:port/APP.git` or `git@host:APP.git`.
enum GitRemote {
    /// The app the remote points at, or nil outside a git work tree or without that remote.
    static func appName(remote: String) -> String? {
        guard let url = git(["remote", "get-url", remote]) else { return nil }
        return appName(fromURL: url)
    }

    /// The last path component of a git URL, without `.git`.
    static func appName(fromURL url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        let path = trimmed.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? ""
        let name = path.hasSuffix(".git") ? String(path.dropLast(4)) : path
        return name.isEmpty ? nil : name
    }

    static var isInsideWorkTree: Bool {
        git(["rev-parse", "--is-inside-work-tree"])?.trimmingCharacters(in: .whitespacesAndNewlines) == "true"
    }

    /// Points `remote` at `url`, adding it or changing where it points.
    static func set(remote: String, url: String) -> Bool {
        if git(["remote", "get-url", remote]) != nil {
            return git(["remote", "set-url", remote, url]) != nil
        }
        return git(["remote", "add", remote, url]) != nil
    }

    /// Removes the remote if it points at the app.
    static func remove(remote: String, ifNaming app: String) {
        if appName(remote: remote) == app { _ = git(["remote", "remove", remote]) }
    }

    /// Runs git and returns what it printed; nil when it cannot run or exits non-zero.
    private static func git(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
