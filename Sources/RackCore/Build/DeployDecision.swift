/// What a push does with each ref it updates: build the deploy branch, pass other refs with a note, refuse
/// deleting the deploy branch.
public enum DeployDecision: Hashable, Sendable {
    /// Build this commit of the deploy branch.
    case build(branch: String, commit: String)
    /// Accept the update without building, telling the user why.
    case pass(note: String)
    /// Refuse the whole push, telling the user why.
    case refuse(message: String)

    /// The all-zero object id git uses for "no ref" (a create's old, a delete's new).
    public static let noObject = String(repeating: "0", count: 40)

    /// Decides for one `OLD NEW REF` line of a pre-receive hook.
    ///
    /// - Parameter deployBranch: the app's deploy branch; nil until its first deploy, when `master` and `main`
    ///   both build and the first pushed becomes it.
    public static func decide(old: String, new: String, ref: String, deployBranch: String?) -> DeployDecision {
        let branch = ref.hasPrefix("refs/heads/") ? String(ref.dropFirst("refs/heads/".count)) : nil
        let deploys = deployBranch.map { [$0] } ?? ["master", "main"]
        guard let branch, deploys.contains(branch) else {
            let what = ref.hasPrefix("refs/tags/") ? "tag \(ref.dropFirst("refs/tags/".count))" : branch.map { "branch \($0)" } ?? ref
            return .pass(note: "Pushed \(what): only \(deployBranch ?? "master or main") deploys, so nothing was built.")
        }
        if new == noObject {
            return .refuse(message: "Deleting \(branch), the branch this app deploys from, is not allowed.")
        }
        return .build(branch: branch, commit: new)
    }
}
