import Testing
@testable import TrackingModel

@Suite struct DialectDetectorTests {
    @Test func completeEventsOfEachDialect() {
        for dialect in [Dialect.legacy, .v1, .v2] {
            #expect(DialectDetector.detect(SpecCatalogue.example(for: "purchase", dialect: dialect)!.value) == dialect)
        }
    }

    @Test(arguments: DialectCase.all)
    func partialPayloads(_ test: DialectCase) {
        #expect(DialectDetector.detect(test.value) == test.expected)
    }

    @Test func mixedEvidenceGoesToTheStrongest() {
        // A legacy event that started to migrate (event_name added) is still mostly legacy.
        let value: JSONValue = ["event": "search", "event_name": "search", "eventId": "1", "eventTimestamp": 1, "properties": [:]]
        #expect(DialectDetector.detect(value) == .legacy)
        // A v1 event with a context object: context outweighs a lone event_timestamp.
        let v2ish: JSONValue = ["event_name": "x", "event_timestamp": 1, "context": [:], "user": [:]]
        #expect(DialectDetector.detect(v2ish) == .v2)
    }
}

/// A payload and the dialect it must be detected as.
struct DialectCase: Sendable, CustomTestStringConvertible {
    let value: JSONValue
    let expected: Dialect

    init(_ value: JSONValue, _ expected: Dialect) {
        self.value = value
        self.expected = expected
    }

    var testDescription: String { "\(JSONPrinter.compact(value)) → \(expected)" }

    static let all: [DialectCase] = [
        // legacy, partial
        DialectCase(["event": "search"], .legacy),
        DialectCase(["eventId": "1", "properties": ["a": 1]], .legacy),
        DialectCase(["eventTimestamp": 1, "device": ["userAgent": "x"]], .legacy),
        // v1, partial
        DialectCase(["event_name": "search", "event_id": "1"], .v1),
        DialectCase(["event_name": "search", "properties": ["search_term": "x"]], .v1),
        DialectCase(["event_id": "1", "event_timestamp": 1], .v1),
        DialectCase(["event_name": "x", "page": ["title": "t"], "device": ["user_agent": "u"]], .v1),
        // v2, partial
        DialectCase(["event_name": "search"], .v2),
        DialectCase(["event_name": "search", "user": ["id": "1"]], .v2),
        DialectCase(["context": ["event_id": "1"]], .v2),
        // the vendor's batch quirk: event_timestamp at the root of a v2 event
        DialectCase(["event_name": "x", "user": [:], "context": [:], "event_timestamp": "1"], .v2),
        // a v2 event with a custom property called properties stays v2
        DialectCase(["event_name": "x", "properties": [:], "user": [:], "context": [:]], .v2),
        // unknown
        DialectCase([:], .unknown),
        DialectCase(["foo": 1], .unknown),
        DialectCase(["user": ["id": "1"]], .unknown),
        DialectCase(["event": 3], .unknown),
        DialectCase("event_name", .unknown),
        DialectCase([["event_name": "x"]], .unknown),
        DialectCase(nil, .unknown),
    ]
}
