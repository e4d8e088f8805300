/// One page of a list, cut by a ``RangeHeader``, with the headers that describe it.
public struct RangePage<Item> {
    public var items: [Item]
    /// `Content-Range` value, e.g. `id 0a..ff`; nil for an empty page.
    public var contentRange: String?
    /// `Next-Range` value when more items follow; nil on the last page.
    public var nextRange: String?

    /// Sorts `all` by the range's field and keeps the page the range asks for.
    ///
    /// - Parameter key: the value of the range's field for an item. Numeric fields (`version`)
    ///   compare as numbers, others as text.
    public init(_ all: [Item], range: RangeHeader, key: (Item) -> String) {
        let keyed = all.map { (key: key($0), item: $0) }
        func ordered(_ lhs: String, _ rhs: String) -> Bool {
            if let left = Int(lhs), let right = Int(rhs) { return left < right }
            return lhs < rhs
        }
        var sorted = keyed.sorted { ordered($0.key, $1.key) }
        if range.isDescending { sorted.reverse() }
        let before = { (lhs: String, rhs: String) in range.isDescending ? ordered(rhs, lhs) : ordered(lhs, rhs) }
        let inRange = sorted.filter { entry in
            if let start = range.start {
                if range.startIsExclusive ? !before(start, entry.key) : before(entry.key, start) { return false }
            }
            if let end = range.end, before(end, entry.key) { return false }
            return true
        }
        let page = inRange.prefix(range.max)
        items = page.map(\.item)
        if let first = page.first, let last = page.last {
            contentRange = "\(range.field) \(first.key)..\(last.key)"
        } else {
            contentRange = nil
        }
        nextRange = inRange.count > range.max ? page.last.map { range.nextRange(after: $0.key) } : nil
    }
}
