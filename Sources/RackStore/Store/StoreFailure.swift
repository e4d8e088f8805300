import GRDB
import RackCore

/// Maps what the database throws to ``RackError``: denials pass through, the rest is a failure.
enum StoreFailure {
    static func map(_ error: any Error) -> RackError {
        if let error = error as? RackError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_FULL:
                return RackError(.unavailable, "Rack's disk is full, so nothing was changed: ask the rack's operator to free space on its home directory, then try again.", cause: error)
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return RackError(.unavailable, "Rack's database is busy: try again shortly.", cause: error)
            case .SQLITE_CONSTRAINT:
                return RackError(.conflict, "That conflicts with something that exists already.", cause: error)
            default: break
            }
        }
        return RackError(.internalError, "Rack's database failed.", cause: error)
    }
}
