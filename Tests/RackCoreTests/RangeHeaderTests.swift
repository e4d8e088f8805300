import Foundation
import RackCore
import Testing

@Suite struct RangeHeaderTests {
    @Test func parsesFieldBoundsAndOptions() throws {
        let range = try RangeHeader(parsing: "name ]alpha..omega; max=10, order=desc", fields: ["id", "name"])
        #expect(range == RangeHeader(field: "name", start: "alpha", startIsExclusive: true, end: "omega", max: 10, isDescending: true))
    }

    @Test func aBareFieldMeansEverythingWithTheDefaultMax() throws {
        #expect(try RangeHeader(parsing: "id ..", fields: ["id"]) == RangeHeader(field: "id"))
        #expect(try RangeHeader(parsing: "id", fields: ["id"]).max == RangeHeader.defaultMax)
    }

    @Test(arguments: ["size ..", "id ..; max=0", "id ..; max=1001", "id ..; max=x", "id ..; order=up", "id ..; foo=1", "id 1-2"])
    func refusesBadRanges(text: String) {
        #expect {
            try RangeHeader(parsing: text, fields: ["id", "name"])
        } throws: { error in
            (error as? RackError)?.code == .badRequest
        }
    }

    @Test func pagesWalkThroughEveryItemOnceInOrder() throws {
        let versions = (1...7).map(String.init).shuffled()
        var range = try RangeHeader(parsing: "version ..; max=3", fields: ["version"])
        var seen: [String] = []
        var pages = 0
        while true {
            let page = RangePage(versions, range: range, key: { $0 })
            seen += page.items
            pages += 1
            guard let next = page.nextRange else { break }
            range = try RangeHeader(parsing: next, fields: ["version"])
        }
        #expect(seen == (1...7).map(String.init))
        #expect(pages == 3)
    }

    @Test func pagesOfABoundedRangeStopAtItsEnd() throws {
        let versions = (1...9).map(String.init)
        var range = try RangeHeader(parsing: "version 2..6; max=2", fields: ["version"])
        var seen: [String] = []
        while true {
            let page = RangePage(versions, range: range, key: { $0 })
            seen += page.items
            guard let next = page.nextRange else { break }
            range = try RangeHeader(parsing: next, fields: ["version"])
        }
        #expect(seen == ["2", "3", "4", "5", "6"])
    }

    @Test func numericKeysCompareAsNumbers() {
        let page = RangePage(["10", "9", "100"], range: RangeHeader(field: "version"), key: { $0 })
        #expect(page.items == ["9", "10", "100"])
        #expect(page.contentRange == "version 9..100")
        #expect(page.nextRange == nil)
    }

    @Test func descendingPagesStartFromTheEnd() throws {
        let first = RangePage(["1", "2", "3"], range: RangeHeader(field: "version", max: 2, isDescending: true), key: { $0 })
        #expect(first.items == ["3", "2"])
        let next = try RangeHeader(parsing: first.nextRange!, fields: ["version"])
        #expect(RangePage(["1", "2", "3"], range: next, key: { $0 }).items == ["1"])
    }
}

@Suite struct RangeKeyTests {
    @Test func timeKeysOfTheSameSecondStillOrderAndNeverTie() {
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let keys = [
            RangeKey.time(now, id: "b"), RangeKey.time(now, id: "a"), RangeKey.time(now.addingTimeInterval(0.000_5), id: "a"),
            RangeKey.time(now.addingTimeInterval(-1), id: "z"),
        ]
        #expect(Set(keys).count == 4)
        #expect(keys.sorted() == [keys[3], keys[1], keys[0], keys[2]])
    }
}
