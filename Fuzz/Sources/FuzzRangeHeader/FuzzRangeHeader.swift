import FuzzChecks
import RackCore

/// `RangeHeader(parsing:fields:)` never traps. A parsed range names one of the allowed fields, a `max` from 1 to
/// 1000 and a start and end without the `..` that separates them; its `Next-Range` parses back to the same
/// field, end, size and order, starting after the key given. A page cut by it holds at most `max` items, in range.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRangeHeader(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = FuzzInput(data, count).text
    let fields = ["id", "name", "version"]
    let range: RangeHeader
    do {
        range = try RangeHeader(parsing: text, fields: fields)
    } catch {
        invariant(error.code == .badRequest && !error.message.isEmpty, "a refusal is bad_request with a reason", text, error)
        return 0
    }
    invariant(fields.contains(range.field), "the field is an allowed one", range, text)
    invariant((1...RangeHeader.largestMax).contains(range.max), "max is from 1 to \(RangeHeader.largestMax)", range, text)
    invariant(range.start?.contains("..") != true, "the start holds no `..`", range, text)

    for key in ["0a1b-2c3d", "my-app", "42"] {
        let next = range.nextRange(after: key)
        let expected = RangeHeader(
            field: range.field, start: key, startIsExclusive: true, end: range.end, max: range.max, isDescending: range.isDescending)
        invariant((try? RangeHeader(parsing: next, fields: fields)) == expected, "Next-Range parses back", range, next)
    }

    let items = ["1", "2", "10", "a", "b", "my-app", "z"]
    let page = RangePage(items, range: range) { $0 }
    invariant(page.items.count <= range.max, "a page holds at most max items", range, page.items)
    invariant(page.items.allSatisfy(items.contains), "a page holds only listed items", range, page.items)
    invariant((page.nextRange == nil) || page.items.count == range.max, "only a full page has a Next-Range", range, page.items)
    return 0
}
