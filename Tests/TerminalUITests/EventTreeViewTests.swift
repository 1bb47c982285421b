import CaptureLog
import Testing
import TrackingModel
@testable import TerminalUI

/// The Tree tab: the event read the same in every dialect, the keys, the teaching panel.
@Suite struct EventTreeViewTests {
    private func opened(_ record: CaptureRecord, width: Int = 80, height: Int = 30) -> Harness {
        var harness = Harness(records: [record], width: width, height: height)
        harness.press(.enter)
        return harness
    }

    private let v2Open = [
        "▾ Event  purchase",
        "    name  \"purchase\"",
        "    id  \"e-1\"",
        "    timestamp  1796320166123  2026-12-03 17:49:26.123 UTC",
        "▾ Properties  {3}",
        "    transaction_id  \"t-7\"",
        "    value  16.00",
        "  ▸ items  [1]",
        "    id  missing",
        "    type  missing",
        "    revenue  missing",
        "    payment_method  missing",
        "    currency  missing",
        "    status  missing",
        "▸ User  u-9",
        "▸ Device  Mozilla/5.0",
        "▸ Cookies  (3)",
        "▸ Page  https://shop.example/cart",
    ]

    @Test func v2EventOpensOnTheEventAndItsProperties() {
        let lines = opened(InspectorSamples.v2Purchase).lines
        #expect(Array(lines[0...2]) == [
            "trackscope — record #1 — 1 of 1",
            "[1 Tree]  2 Raw   3 Headers   4 Findings (2)   5 Answer",
            "$                                                                           1/19",
        ])
        #expect(Array(lines[3...20]) == v2Open)
        #expect(lines[21].hasPrefix("── Event ───"))
        #expect(lines[29] == "j/k move  ←→ open/close  */- all/none  Tab tabs  n/p record  Esc back  ? help")
    }

    /// An item whose product the Product API stored shows the catalogue's name and price beside it;
    /// the device row reads the user agent as browser, system and kind of device.
    @Test func itemsShowTheCatalogueAndTheDeviceItsUserAgent() {
        var record = InspectorSamples.v2Purchase
        record.requestBody = Array(InspectorSamples.v2Body.replacingOccurrences(
            of: #""user_agent":"Mozilla/5.0""#,
            with: #""user_agent":"Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Version/17.1 Mobile/15E148 Safari/604.1""#).utf8)
        var harness = Harness(records: [record], width: 100, height: 60)
        harness.press(.enter)
        let catalogue = ItemCatalogue([.init(event: 0, item: 0): CatalogueProduct(name: "Mug (blue)", price: "16.50", currency: "EUR")])
        harness.send(.detailLoaded(index: 0, record: record, catalogue: catalogue))
        harness.press(.character("*"))
        let lines = harness.lines
        #expect(lines.contains("    ▾ [0]  Mug  catalogue: Mug (blue), 16.50 EUR"))
        #expect(lines.contains("▾ Device  Safari 17 on iOS 17.1, mobile"))
        #expect(lines.contains { $0.hasPrefix("    user_agent  \"Mozilla/5.0 (iPhone;") && $0.hasSuffix("Safari 17 on iOS 17.1, mobile") })
        // Without a catalogue entry, no note.
        harness.send(.detailLoaded(index: 0, record: record))
        harness.press(.character("*"))
        #expect(harness.lines.contains("    ▾ [0]  Mug"))
    }

    @Test func collapseAllThenExpandAll() {
        var harness = opened(InspectorSamples.v2Purchase)
        harness.press(.character("-"))
        #expect(Array(harness.lines[2...10]) == [
            "$                                                                            1/7",
            "▸ Event  purchase",
            "▸ Properties  {3}",
            "▸ User  u-9",
            "▸ Device  Mozilla/5.0",
            "▸ Cookies  (3)",
            "▸ Page  https://shop.example/cart",
            "  Context  {0}",
            "",
        ])
        harness.press(.character("*"))
        #expect(Array(harness.lines[3...20]) == [
            "▾ Event  purchase",
            "    name  \"purchase\"",
            "    id  \"e-1\"",
            "    timestamp  1796320166123  2026-12-03 17:49:26.123 UTC",
            "▾ Properties  {3}",
            "    transaction_id  \"t-7\"",
            "    value  16.00",
            "  ▾ items  [1]",
            "    ▾ [0]  Mug",
            "        id  \"i-1\"",
            "        quantity  1",
            "      ▾ product  {3}",
            "          id  \"p-1\"",
            "          name  \"Mug\"",
            "          price  16",
            "    id  missing",
            "    type  missing",
            "    revenue  missing",
        ])
        #expect(harness.lines[2].hasSuffix("1/38"))
        // The expansion is state, not part of the tree.
        #expect(harness.state.detail?.opened == harness.state.detail?.tree?.expandablePaths)
    }

    @Test func cookieRowsAreExplained() {
        var harness = opened(InspectorSamples.v2Purchase)
        harness.press(.character("-"), .down, .down, .down, .down, .right, .down)
        #expect(Array(harness.lines[2...11]) == [
            "context.device.cookie                                                       6/10",
            "▸ Event  purchase",
            "▸ Properties  {3}",
            "▸ User  u-9",
            "▸ Device  Mozilla/5.0",
            "▾ Cookies  (3)",
            "    _ga  GA1.2.111.222  Google Analytics client id (browser + first visit time)",
            "    _fbp  fb.1.1596.42  Meta (Facebook) browser id for the Conversions API",
            "    theme  dark",
            "▸ Page  https://shop.example/cart",
        ])
        let panel = Array(harness.lines.drop { !$0.hasPrefix("── _ga ") }.prefix(4))
        #expect(panel.count == 4 && panel[0].hasPrefix("── _ga ───"))
        #expect(Array(panel.dropFirst()) == [
            "Cookie _ga: Google Analytics client id (browser + first visit time).",
            "value GA1.2.111.222",
            "at line 1, column 154 of the raw body",
        ])
    }

    @Test func legacyEventReadsLikeV2() {
        var harness = opened(InspectorSamples.legacy, height: 40)
        #expect(Array(harness.lines[3...15]) == [
            "▾ Event  add_to_cart",
            "    name  \"add_to_cart\"",
            "    id  \"l-1\"",
            "    timestamp  1796320166123  2026-12-03 17:49:26.123 UTC",
            "▾ Properties  {2}",
            "    currency  \"EUR\"",
            "    value  5",
            "    items  missing",
            "▸ User  u-1",
            "▸ Device  curl 8, bot",
            "▸ Cookies  (2)",
            "▸ Page  https://x.example/",
            "  site  \"s-1\"",
        ])
        harness.press(.character("*"))
        #expect(Array(harness.lines[11...22]) == [
            "▾ User  u-1",
            "    id  \"u-1\"",
            "  ▾ consent_categories  [1]",
            "      [0]  1",
            "▾ Device  curl 8, bot",
            "    user_agent  \"curl/8\"  curl 8, bot",
            "▾ Cookies  (2)",
            "    _gid  GA1.2.5  Google Analytics 24-hour visitor id",
            "    CAID  abc  Commanders Act anonymous id (consistent_anonymous_id)",
            "▾ Page  https://x.example/",
            "    location  \"https://x.example/\"",
            "  site  \"s-1\"",
        ])
        // Legacy `device.cookies` is Cookies too.
        harness.press(.character("-"), .down, .down, .down, .down)
        #expect(harness.lines[2].hasPrefix("device.cookies "))
    }

    @Test func v1EventReadsLikeV2() {
        var harness = opened(InspectorSamples.v1)
        #expect(Array(harness.lines[3...10]) == [
            "▾ Event  page_view",
            "    name  \"page_view\"",
            "    id  \"v-1\"",
            "    timestamp  \"1796320166123\"  2026-12-03 17:49:26.123 UTC",
            "▾ Properties  {1}",
            "    page_type  \"home\"",
            "▸ User  u-2",
            "▸ Device",
        ])
        harness.press(.character("*"))
        #expect(Array(harness.lines[9...13]) == [
            "▾ User  u-2",
            "    id  \"u-2\"",
            "▾ Device",
            "    ip  \"198.51.100.7\"",
            "",
        ])
    }

    @Test func batchShowsEachEventAsAChild() {
        var harness = opened(InspectorSamples.batch)
        #expect(Array(harness.lines[2...12]) == [
            "batch[0]                                                                     1/9",
            "▾ Event 1  add_to_cart",
            "  ▸ Event  add_to_cart",
            "  ▸ Properties  {0}",
            "  ▸ User  a",
            "  ▸ Context  {0}",
            "▾ Event 2  page_view",
            "  ▸ Event  page_view",
            "  ▸ Properties  {0}",
            "    Context  {0}",
            "",
        ])
        harness.press(.character("*"))
        #expect(Array(harness.lines[3...20]) == [
            "▾ Event 1  add_to_cart",
            "  ▾ Event  add_to_cart",
            "      name  \"add_to_cart\"",
            "  ▾ Properties  {0}",
            "      value  missing",
            "      currency  missing",
            "      items  missing",
            "  ▾ User  a",
            "      id  \"a\"",
            "  ▾ Context  {0}",
            "      event_id  missing",
            "▾ Event 2  page_view",
            "  ▾ Event  page_view",
            "      name  \"page_view\"",
            "      id  \"b-2\"",
            "  ▾ Properties  {0}",
            "      page_type  missing",
            "    Context  {0}",
        ])
        // The second event's id is on line 3 of the raw body.
        harness.press(.down, .down, .down, .down, .down, .down, .down, .down, .down, .down, .down, .down, .down, .down)
        #expect(harness.lines[2].hasPrefix("batch[1].context.event_id "))
        #expect(harness.lines.contains("at line 3, column 38 of the raw body"))
    }

    @Test func aFindingJumpsToItsMissingFieldAndThePanelTeachesIt() {
        var harness = opened(InspectorSamples.v2Purchase)
        harness.press(.character("4"), .enter)
        #expect(harness.state.detail?.tab == .tree)
        let lines = harness.lines
        #expect(lines[2] == "currency                                                                   13/19")
        #expect(Array(lines[3...20]) == v2Open)
        #expect(harness.screen[4, 15].role == .selectedRow)
        #expect(Array(lines[21...25]) == [
            "── currency ────────────────────────────────────────────────────────────────────",
            "ISO 4217 code (three capital letters) of every amount of the event.",
            "type an ISO 4217 code · required by purchase",
            "missing: not in the body",
            "error missing-required-field: purchase needs a currency (add \"currency\": \"EUR\")",
        ])
        // The second finding: user.email, missing, placed under User.
        harness.press(.character("4"), .down, .enter)
        #expect(harness.lines[2].hasPrefix("user.email "))
        #expect(harness.lines.contains("    email  missing"))
    }

    @Test func thePanelShowsWhereAValueIsAndItsSpec() {
        var harness = opened(InspectorSamples.v2Purchase)
        harness.press(.character("-"), .down, .down, .down, .down, .down, .right, .down)
        #expect(harness.lines[2].hasPrefix("context.page.url "))
        #expect(Array(harness.lines.drop { !$0.hasPrefix("── url ") }.dropFirst().prefix(3)) == [
            "Full URL of the page (v1 called it location).",
            "type a string · optional",
            "at line 1, column 223 of the raw body",
        ])
    }

    @Test func treeKeysMoveOpenCloseAndGoToTheParent() {
        var harness = opened(InspectorSamples.v2Purchase)
        harness.press(.down)
        #expect(harness.state.detail?.selected == ["event", "name"])
        harness.press(.left)
        #expect(harness.state.detail?.selected == ["event"])
        harness.press(.left)
        #expect(harness.state.detail?.opened.contains(["event"]) == false)
        harness.press(.character(" "))
        #expect(harness.state.detail?.opened.contains(["event"]) == true)
        harness.press(.character("h"), .character("l"), .character("l"))
        #expect(harness.state.detail?.selected == ["event", "name"])
        // Enter expands; on an open node it leaves it open.
        harness.press(.character("k"), .enter)
        #expect(harness.state.detail?.opened.contains(["event"]) == true)
    }

    @Test func wideTerminalsPutThePanelAtTheRight() {
        var harness = opened(InspectorSamples.v2Purchase, width: 130, height: 24)
        harness.press(.down, .down)
        #expect(harness.lines[3] == "▾ Event  purchase                                                            │── id ──────────────────────────────────────────────")
        #expect(harness.lines[4] == "    name  \"purchase\"                                                         │The event id: unique per event, used to deduplicate.")
        #expect(harness.lines[5] == "    id  \"e-1\"                                                                │value \"e-1\"")
        #expect(harness.lines[6] == "    timestamp  1796320166123  2026-12-03 17:49:26.123 UTC                    │at line 1, column 37 of the raw body")
    }

    @Test func helpListsTheTreeAndTabKeys() {
        var harness = opened(InspectorSamples.v2Purchase, width: 80, height: 24)
        harness.press(.character("?"))
        let lines = harness.lines
        #expect(lines.contains("  → / l, ← / h       expand the node; collapse it, or go to its parent"))
        #expect(lines.contains("  *, -               expand all, collapse all"))
        #expect(lines.contains("  Tab / Shift-Tab    next / previous tab"))
        #expect(lines.contains("  1 … 5              tabs: Tree, Raw, Headers, Findings, Answer"))
    }
}
