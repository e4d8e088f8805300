import Foundation

/// Range keys for fields whose values can tie.
public enum RangeKey {
    /// A key that sorts by time (to the microsecond) and never ties: the id breaks ties, so a `Next-Range`
    /// starting after it skips nothing.
    public static func time(_ date: Date, id: String) -> String {
        String(format: "%017.6f", date.timeIntervalSince1970) + "/" + id
    }
}
