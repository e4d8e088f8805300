import Foundation
import HTTPTypes
import HummingbirdTesting
import RackCore
import Testing

/// One page of a list as a client sees it.
struct ListPage<Item: Decodable> {
    var status: HTTPResponse.Status
    var items: [Item]
    var nextRange: String?
    var contentRange: String?
}

extension APITestClient {
    /// `GET uri` with `Range: range`.
    func page<Item: Decodable>(
        _ type: Item.Type, _ uri: String, range: String?, as member: APITestRack.Member
    ) async throws -> ListPage<Item> {
        var headers: HTTPFields = [:]
        if let range { headers[.range] = range }
        let response = try await get(uri, as: member, headers: headers)
        #expect(response.status == .ok || response.status == .partialContent, "\(response.text)")
        return ListPage(
            status: response.status, items: try response.decode([Item].self), nextRange: response.header("Next-Range"),
            contentRange: response.headers[.contentRange])
    }

    /// Follows `Next-Range` from `range` to the last page; at most `limit` pages.
    func allPages<Item: Decodable>(
        _ type: Item.Type, _ uri: String, range: String, as member: APITestRack.Member, limit: Int = 20
    ) async throws -> [ListPage<Item>] {
        var pages: [ListPage<Item>] = []
        var next: String? = range
        while let range = next, pages.count < limit {
            let page = try await self.page(type, uri, range: range, as: member)
            pages.append(page)
            next = page.nextRange
        }
        return pages
    }
}

@Suite("Range pagination")
struct PaginationTests {
    /// An app with six releases: v1 and five config changes.
    static func makeReleases() async throws -> APITestRack {
        let rack = try await APITestRack.make()
        let app = try await rack.makeApp("paged", owner: rack.alice)
        for index in 1...5 {
            _ = try await rack.store.updateConfigVars(appID: app.id, changes: ["V\(index)": "\(index)"], userID: rack.alice.user.id)
        }
        return rack
    }

    @Test("A page smaller than the list is 206 with Content-Range and Next-Range")
    func firstPage() async throws {
        let rack = try await Self.makeReleases()
        try await rack.run { api in
            let response = try await api.get("/apps/paged/releases", as: rack.alice, headers: [.range: "version ..; max=2"])
            #expect(response.status == .partialContent)
            #expect(try response.decode([ReleaseResource].self).map(\.version) == [1, 2])
            #expect(response.headers[.contentRange] == "version 1..2")
            #expect(response.header("Next-Range") == "version ]2..; max=2")
            #expect(response.headers[.acceptRanges]?.contains("version") == true)
        }
    }

    @Test("Following Next-Range visits every release once; the last page is 200 without Next-Range")
    func followNextRange() async throws {
        let rack = try await Self.makeReleases()
        try await rack.run { api in
            let pages = try await api.allPages(ReleaseResource.self, "/apps/paged/releases", range: "version ..; max=2", as: rack.alice)
            #expect(pages.map { $0.items.map(\.version) } == [[1, 2], [3, 4], [5, 6]])
            #expect(pages.map(\.status) == [.partialContent, .partialContent, .ok])
            #expect(pages.last?.nextRange == nil)
            #expect(pages.map(\.contentRange) == ["version 1..2", "version 3..4", "version 5..6"])
            let ids = pages.flatMap { $0.items.map(\.id) }
            #expect(Set(ids).count == 6)
        }
    }

    @Test("A page size that does not divide the list ends on a short page", arguments: [1, 4, 5])
    func unevenPages(_ max: Int) async throws {
        let rack = try await Self.makeReleases()
        try await rack.run { api in
            let pages = try await api.allPages(ReleaseResource.self, "/apps/paged/releases", range: "version ..; max=\(max)", as: rack.alice)
            #expect(pages.flatMap { $0.items.map(\.version) } == [1, 2, 3, 4, 5, 6])
            #expect(pages.count == (6 + max - 1) / max)
            #expect(pages.dropLast().allSatisfy { $0.status == .partialContent && $0.items.count == max })
            #expect(pages.last?.status == .ok)
        }
    }

    @Test("order=desc pages from the newest, and Next-Range keeps the order")
    func descending() async throws {
        let rack = try await Self.makeReleases()
        try await rack.run { api in
            let first = try await api.page(ReleaseResource.self, "/apps/paged/releases", range: "version ..; max=2, order=desc", as: rack.alice)
            #expect(first.status == .partialContent)
            #expect(first.items.map(\.version) == [6, 5])
            #expect(first.items.first?.current == true)
            #expect(first.nextRange?.contains("order=desc") == true)
            let pages = try await api.allPages(
                ReleaseResource.self, "/apps/paged/releases", range: "version ..; max=2, order=desc", as: rack.alice)
            #expect(pages.flatMap { $0.items.map(\.version) } == [6, 5, 4, 3, 2, 1])
            #expect(pages.last?.status == .ok)
        }
    }

    @Test("A range with bounds keeps the releases between them")
    func bounds() async throws {
        let rack = try await Self.makeReleases()
        try await rack.run { api in
            let inclusive = try await api.page(ReleaseResource.self, "/apps/paged/releases", range: "version 2..4", as: rack.alice)
            #expect(inclusive.items.map(\.version) == [2, 3, 4])
            #expect(inclusive.status == .ok)
            let exclusive = try await api.page(ReleaseResource.self, "/apps/paged/releases", range: "version ]2..4", as: rack.alice)
            #expect(exclusive.items.map(\.version) == [3, 4])
            let past = try await api.page(ReleaseResource.self, "/apps/paged/releases", range: "version ]6..", as: rack.alice)
            #expect(past.items.isEmpty)
            #expect(past.status == .ok)
            #expect(past.nextRange == nil)
            // Versions compare as numbers: 10 would come after 9, not after 1.
            let fromFive = try await api.page(ReleaseResource.self, "/apps/paged/releases", range: "version 5..", as: rack.alice)
            #expect(fromFive.items.map(\.version) == [5, 6])
        }
    }

    @Test("A list that fits in one page is 200, with Content-Range and no Next-Range")
    func onePage() async throws {
        let rack = try await Self.makeReleases()
        try await rack.run { api in
            for range in [nil, "version ..; max=6", "version ..; max=1000", "version"] {
                let page = try await api.page(ReleaseResource.self, "/apps/paged/releases", range: range, as: rack.alice)
                #expect(page.status == .ok, "\(range ?? "no Range")")
                #expect(page.items.count == 6)
                #expect(page.nextRange == nil)
                #expect(page.contentRange == "version 1..6")
            }
        }
    }

    @Test("Apps page by name, with no app seen twice or missed")
    func appsByName() async throws {
        let rack = try await APITestRack.make()
        let names = ["app-echo", "app-alpha", "app-delta", "app-charlie", "app-bravo"]
        for name in names { _ = try await rack.makeApp(name, owner: rack.alice) }
        _ = try await rack.makeApp("not-alices", owner: rack.bob)
        try await rack.run { api in
            let pages = try await api.allPages(AppResource.self, "/apps", range: "name ..; max=2", as: rack.alice)
            #expect(pages.map { $0.items.map(\.name) } == [["app-alpha", "app-bravo"], ["app-charlie", "app-delta"], ["app-echo"]])
            #expect(pages.map(\.status) == [.partialContent, .partialContent, .ok])
            #expect(pages.first?.contentRange == "name app-alpha..app-bravo")
            #expect(pages.first?.nextRange == "name ]app-bravo..; max=2")

            let backwards = try await api.allPages(AppResource.self, "/apps", range: "name ..; max=2, order=desc", as: rack.alice)
            #expect(backwards.flatMap { $0.items.map(\.name) } == names.sorted().reversed())
        }
    }

    @Test("Apps page by id, with no app seen twice or missed")
    func appsByID() async throws {
        let rack = try await APITestRack.make()
        var ids: [String] = []
        for index in 1...5 { ids.append(try await rack.makeApp("app-\(index)", owner: rack.alice).id) }
        let sortedIDs = ids.sorted()
        try await rack.run { api in
            let pages = try await api.allPages(AppResource.self, "/apps", range: "id ..; max=2", as: rack.alice)
            let seen = pages.flatMap { $0.items.map(\.id) }
            #expect(seen == sortedIDs)
            #expect(pages.count == 3)
        }
    }

    @Test("Apps page by updated_at, with no app missed even when several changed in the same second")
    func appsByUpdatedAt() async throws {
        let rack = try await APITestRack.make()
        for index in 1...5 { _ = try await rack.makeApp("app-\(index)", owner: rack.alice) }
        try await rack.run { api in
            let pages = try await api.allPages(AppResource.self, "/apps", range: "updated_at ..; max=2", as: rack.alice)
            let seen = pages.flatMap { $0.items.map(\.name) }
            #expect(Set(seen) == ["app-1", "app-2", "app-3", "app-4", "app-5"], "pages: \(pages.map { $0.items.map(\.name) })")
            #expect(seen.count == 5)
        }
    }

    @Test("Collaborators page by email")
    func collaboratorsByEmail() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("team", owner: rack.carol, sharedWith: [rack.bob, rack.alice])
        try await rack.run { api in
            let pages = try await api.allPages(CollaboratorResource.self, "/apps/team/collaborators", range: "email ..; max=1", as: rack.alice)
            #expect(pages.map { $0.items.map(\.user.email) } == [["alice@example.com"], ["bob@example.com"], ["carol@example.com"]])
            #expect(pages.last?.status == .ok)
        }
    }

    @Test(
        "A Range the list cannot honour is 400",
        arguments: [
            "name ..; max=2", "updated_at ..", "version ..; max=0", "version ..; max=5000", "version ..; max=1001",
            "version ..; max=-1", "version ..; max=two", "version ..; max", "version ..; order=sideways", "version ..; foo=1",
            "version 1", "garbage", "", "bytes=0-100", TextCase("version ..; max=2" + String(repeating: ", order=asc", count: 100)),
        ] as [TextCase])
    func badRange(_ range: TextCase) async throws {
        let range = range.text
        let rack = try await Self.makeReleases()
        try await rack.run { api in
            let response = try await api.get("/apps/paged/releases", as: rack.alice, headers: [.range: range])
            try expectError(response, .badRequest, id: "bad_request", mentioning: ["Range"])
        }
    }

    @Test("A Range field of another list is 400 on apps and keys too")
    func badRangeOtherLists() async throws {
        let rack = try await APITestRack.make()
        _ = try await rack.makeApp("some-app", owner: rack.alice)
        try await rack.run { api in
            for uri in ["/apps", "/account/keys", "/apps/some-app/collaborators", "/apps/some-app/builds"] {
                let response = try await api.get(uri, as: rack.alice, headers: [.range: "version ..; max=2"])
                try expectError(response, .badRequest, id: "bad_request", mentioning: ["version"])
            }
        }
    }
}
