import RackCore
import Yams

/// What a buildpack's `bin/release BUILD_DIR` prints: YAML with optional `addons`, `config_vars` and
/// `default_process_types`. A missing script, empty output, `---` and `--- {}` all mean "nothing".
///
/// ```swift
/// let release = try ReleaseOutput(parsing: "---\ndefault_process_types:\n  web: bin/server\n")
/// release.defaultProcessTypes   // ["web": "bin/server"]
/// ```
public struct ReleaseOutput: Hashable, Sendable {
    public var addons: [String] = []
    public var configVars: [String: String] = [:]
    public var defaultProcessTypes: [String: String] = [:]

    public static let largest = 64 * 1024
    public static let empty = ReleaseOutput()

    public init() {}

    /// - Throws: ``RackError`` `.invalidParams` saying what in the YAML is wrong.
    public init(parsing text: String) throws(RackError) {
        guard text.utf8.count <= ReleaseOutput.largest else {
            throw RackError(.invalidParams, "bin/release printed more than 64 KiB: it should print a short YAML document.")
        }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw RackError(.invalidParams, "bin/release printed YAML that does not parse: \(String(describing: error).prefix(200))")
        }
        guard let node, !(node.scalar.map { $0.string.isEmpty || $0.string == "~" || $0.string == "null" } ?? false) else { return }
        guard let mapping = node.mapping else {
            throw RackError(.invalidParams, "bin/release must print a YAML mapping (addons, config_vars, default_process_types).")
        }
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { continue }
            switch key {
            case "addons":
                addons = try Self.list(value, key: key)
            case "config_vars":
                configVars = try Self.map(value, key: key)
                for name in configVars.keys { _ = try ConfigVarName(validating: name) }
            case "default_process_types":
                defaultProcessTypes = try Self.map(value, key: key)
                for name in defaultProcessTypes.keys {
                    // The same rule for names as a Procfile's, applied to the whole name: a key such as `web: x\nother`
                    // reads as a Procfile line that declares `web`.
                    guard (try? Procfile(parsing: "\(name): x"))?.names == [name] else {
                        throw RackError(
                            .invalidParams,
                            "bin/release: default process type \"\(name.prefix(40))\" is not a process type name (letters, digits, _ and -).")
                    }
                }
            default:
                continue  // unknown keys are ignored, as on Heroku
            }
        }
    }

    private static func isNull(_ node: Node) -> Bool {
        node.scalar.map { $0.string.isEmpty || $0.string == "~" || $0.string == "null" } ?? false
    }

    private static func list(_ node: Node, key: String) throws(RackError) -> [String] {
        if isNull(node) { return [] }
        guard let sequence = node.sequence else { throw RackError(.invalidParams, "bin/release: \(key) must be a list.") }
        var items: [String] = []
        for item in sequence {
            guard let text = item.scalar?.string else { throw RackError(.invalidParams, "bin/release: \(key) must list strings.") }
            items.append(text)
        }
        return items
    }

    private static func map(_ node: Node, key: String) throws(RackError) -> [String: String] {
        if isNull(node) { return [:] }
        guard let mapping = node.mapping else { throw RackError(.invalidParams, "bin/release: \(key) must be a mapping.") }
        var result: [String: String] = [:]
        for (name, value) in mapping {
            guard let name = name.scalar?.string, let value = value.scalar?.string else {
                throw RackError(.invalidParams, "bin/release: every entry of \(key) must be `name: value`.")
            }
            result[name] = value
        }
        return result
    }
}
