import GRDB
import Foundation

/// A row of `config_vars`: one var of an app, its value sealed with the master key.
struct ConfigVarRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "config_vars"

    var appID: String
    var name: String
    var sealedValue: Data

    /// The authenticated context a value is sealed under: it ties the ciphertext to its row.
    static func sealingContext(appID: String, name: String) -> String { "config-var/\(appID)/\(name)" }

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case name
        case appID = "app_id"
        case sealedValue = "sealed_value"
    }
}
