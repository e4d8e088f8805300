import Foundation
import RackBuild
import RackCore

/// Chooses the buildpacks of a build, first match wins:
/// 1. `BUILDPACK_URL` in the app's config (fetched and cached per URL#ref);
/// 2. a `.buildpacks` file in the app: every URL in it, in order;
/// 3. detection over the installed buildpacks in their configured order: the first whose `bin/detect` exits 0.
struct BuildpackChooser {
    let workspace: BuildWorkspace
    let sandbox: BuildSandbox
    let fetcher: BuildpackFetcher
    let output: BuildOutput

    /// - Throws: ``RackError`` with what to tell the user: a URL that cannot be fetched, an app no buildpack
    ///   detects, a malformed `.buildpacks`.
    func choose(config: [String: String], installed: [String]) throws(RackError) -> [SelectedBuildpack] {
        if let url = config["BUILDPACK_URL"], !url.trimmingCharacters(in: .whitespaces).isEmpty {
            let source = try BuildpackSource(parsing: url)
            output.step("Using buildpack: \(source.description)")
            let path = try workspace.addBuildpack(from: try fetcher.directory(for: source), index: 0)
            guard let name = try detect(path, origin: source.description) else {
                throw RackError(.invalidParams, "App not compatible with buildpack: \(source.description)")
            }
            output.step("\(name) app detected")
            return [SelectedBuildpack(path: path, name: name, origin: source.description)]
        }
        if let listed = try AppFile.read(".buildpacks", in: workspace.appDirectory, largest: 64 * 1024) {
            return try fromBuildpacksFile(listed)
        }
        return try detectInstalled(installed)
    }

    private func fromBuildpacksFile(_ text: String) throws(RackError) -> [SelectedBuildpack] {
        var sources: [BuildpackSource] = []
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            sources.append(try BuildpackSource(parsing: trimmed))
        }
        guard !sources.isEmpty, sources.count <= 16 else {
            throw RackError(.invalidParams, ".buildpacks must list 1 to 16 buildpack URLs, one a line.")
        }
        output.step("Using buildpacks from .buildpacks")
        var chosen: [SelectedBuildpack] = []
        for (index, source) in sources.enumerated() {
            output.line("=====> Downloading Buildpack: \(source.description)")
            let path = try workspace.addBuildpack(from: try fetcher.directory(for: source), index: index)
            let name = try detect(path, origin: source.description) ?? Self.fallbackName(source.description)
            output.line("=====> Detected Framework: \(name)")
            chosen.append(SelectedBuildpack(path: path, name: name, origin: source.description))
        }
        return chosen
    }

    private func detectInstalled(_ installed: [String]) throws(RackError) -> [SelectedBuildpack] {
        var matches: [SelectedBuildpack] = []
        for (index, entry) in installed.enumerated() {
            let directory = entry.hasPrefix("/") ? entry : try fetcher.directory(for: try BuildpackSource(parsing: entry))
            let path = try workspace.addBuildpack(from: directory, index: index)
            if let name = try detect(path, origin: entry) {
                matches.append(SelectedBuildpack(path: path, name: name, origin: entry))
            }
        }
        guard let first = matches.first else {
            throw RackError(
                .invalidParams,
                "Unable to select a buildpack\nNone of the installed buildpacks recognised this app: add the files your language needs (for example requirements.txt or a Procfile), or set BUILDPACK_URL with `rack config:set BUILDPACK_URL=…`.")
        }
        if matches.count > 1 {
            output.line(" !     Warning: Multiple default buildpacks reported the ability to handle this app. The first buildpack in the list below will be used.")
            output.detail("Detected buildpacks: \(matches.map(\.name).joined(separator: ", "))")
        }
        output.step("\(first.name) app detected")
        return [first]
    }

    /// Runs `bin/detect BUILD_DIR` in the sandbox: the framework it names when it exits 0, else nil.
    private func detect(_ path: String, origin: String) throws(RackError) -> String? {
        guard sandbox.buildpack(path, has: "bin/detect") else { return nil }
        let result = try sandbox.capture([path + "/bin/detect", BuildSandbox.appPath], limit: 4096)
        guard result.status == 0 else { return nil }
        let name = String(decoding: result.output, as: UTF8.self).split(whereSeparator: \.isNewline).first
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let printable = name.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7f }
        return !name.isEmpty && printable ? String(name.prefix(80)) : Self.fallbackName(origin)
    }

    /// A buildpack's name when it gives none: the last part of its URL or path, without `.git` or `.tgz`.
    static func fallbackName(_ origin: String) -> String {
        let last = origin.split(separator: "#").first.map(String.init)?.split(separator: "/").last.map(String.init) ?? origin
        for suffix in [".git", ".tgz", ".tar.gz"] where last.hasSuffix(suffix) { return String(last.dropLast(suffix.count)) }
        return last
    }
}
