import Foundation
import GRDB
import RackCore

extension RackStore {
    /// An app's builds, oldest first.
    public func builds(appID: String) async throws(RackError) -> [BuildRecord] {
        try await read { db in
            try BuildRecord.filter(BuildRecord.CodingKeys.appID == appID).order(BuildRecord.CodingKeys.createdAt).fetchAll(db)
        }
    }

    /// One build of an app by id; nil when the app has none such.
    public func build(appID: String, id: String) async throws(RackError) -> BuildRecord? {
        try await read { db in try BuildRecord.filter(BuildRecord.CodingKeys.appID == appID).filter(key: id).fetchOne(db) }
    }
}
