import CaptureLog
import Testing
import TrackingModel
@testable import TerminalUI

@Suite struct EventTreeDiffTests {
    static func record(_ body: String, sequence: UInt64 = 1) -> CaptureRecord {
        CaptureRecord(sequence: sequence, time: SampleRecords.time(), direction: .received, method: "POST", path: "/events",
                      query: "tc_s=1", requestBody: Array(body.utf8), response: .init(status: 200), dialect: .v2)
    }

    static func changes(_ first: String, _ second: String) -> [EventTreeDiff.Change] {
        EventTreeDiff.changes(from: EventTreeBuilder.tree(for: record(first)), to: EventTreeBuilder.tree(for: record(second)))
    }

    @Test func findsAddedRemovedAndChangedFieldsWithTheirPaths() {
        let changes = Self.changes(
            #"{"event_name":"purchase","value":16.00,"coupon":"A","user":{"id":"u-1","email":"a@b.c"},"context":{"event_id":"e-1"}}"#,
            #"{"event_name":"purchase","value":19.90,"currency":"EUR","user":{"id":"u-1"},"context":{"event_id":"e-2"}}"#
        )
        let summary = changes.map { "\($0.kind) \($0.labels.joined(separator: "/")) \($0.rawPath?.description ?? "-") \($0.old ?? "∅")→\($0.new ?? "∅")" }
        #expect(summary == [
            "changed Event/id context.event_id \"e-1\"→\"e-2\"",
            "changed Properties/value value 16.00→19.90",
            "added Properties/currency currency ∅→\"EUR\"",
            "removed Properties/coupon coupon \"A\"→∅",
            "removed User/email user.email \"a@b.c\"→∅",
        ])
    }

    @Test func identicalEventsHaveNoChangeWhateverTheKeyOrder() {
        #expect(Self.changes(#"{"event_name":"purchase","value":1,"currency":"EUR"}"#,
                             #"{"currency":"EUR","event_name":"purchase","value":1}"#).isEmpty)
    }

    @Test func aRequiredFieldShownMissingCountsAsAbsent() {
        // The purchase's missing currency is a "missing" row in the first tree only.
        let changes = Self.changes(#"{"event_name":"purchase","value":1}"#, #"{"event_name":"purchase","value":1,"currency":"EUR"}"#)
        #expect(changes.map(\.kind) == [.added])
        #expect(changes.first?.labels == ["Properties", "currency"])
    }

    @Test func aScalarBecomingAnObjectIsAChange() {
        let changes = Self.changes(#"{"event_name":"x","data":"flat"}"#, #"{"event_name":"x","data":{"a":1}}"#)
        #expect(changes.count == 1)
        #expect(changes.first?.kind == .changed && changes.first?.old == "\"flat\"" && changes.first?.new == "{1}")
    }

    @Test func bodiesThatAreNotJSONHaveNoTree() {
        #expect(Self.changes("not json", "also not").isEmpty)
    }
}
