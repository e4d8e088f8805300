/// What a user may do with an app.
public enum AppAccess: String, Sendable, Comparable {
    /// May read and deploy: config, releases, builds, push.
    case collaborator
    /// May also rename and destroy the app and manage its collaborators.
    case owner
    /// A rack administrator: everything an owner may.
    case admin

    public static func < (lhs: AppAccess, rhs: AppAccess) -> Bool {
        let order: [AppAccess] = [.collaborator, .owner, .admin]
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }

    /// True for owners and admins.
    public var canAdminister: Bool { self >= .owner }
}
