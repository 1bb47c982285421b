import Foundation
import Testing
@testable import TrackingModel

/// The vendor's example payloads (Tests/Fixtures), read as a user would paste them.
enum ModelFixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name)
        return Array(try Data(contentsOf: url))
    }

    static func value(_ name: String) throws -> JSONValue {
        try JSONParser.parse(try bytes(name)).value
    }
}

@Suite struct VendorExampleTests {
    let now = Date(timeIntervalSince1970: 1_718_150_400)  // 2024-06-12

    @Test func publishedLegacyExampleIsBrokenAtLine4Column3() throws {
        let report = PayloadInspector.inspect(bytes: try ModelFixture.bytes("legacy-brief-published.json"), form: .automatic, now: now)
        #expect(report.events.isEmpty)
        let error = try #require(report.findings.first)
        #expect(report.findings.count == 1)
        #expect(error.severity == .error)
        #expect(error.code == "invalid-json")
        #expect(error.path == "$")
        #expect(error.line == 4)
        #expect(error.column == 3)
        #expect(PayloadInspector.inspect(bytes: try ModelFixture.bytes("legacy-brief-published.json"), form: .event).findings.first?.line == 4)
    }

    @Test func publishedBatchExampleIsBrokenAfterLine25() throws {
        let report = PayloadInspector.inspect(bytes: try ModelFixture.bytes("v2-batch-published.json"), form: .batch, now: now)
        #expect(report.events.isEmpty)
        let error = try #require(report.findings.first)
        #expect(error.code == "invalid-json")
        #expect(error.severity == .error)
        // The comma is missing at the end of line 25; the parser stops at the next token,
        // `"consent_categories"`, at line 26 column 13.
        #expect(error.line == 26)
        #expect(error.column == 13)
        #expect(PayloadInspector.inspect(bytes: try ModelFixture.bytes("v2-batch-published.json"), form: .automatic).findings.first?.line == 26)
    }

    @Test func correctedLegacyExample() throws {
        let value = try ModelFixture.value("legacy-brief-corrected.json")
        #expect(DialectDetector.detect(value) == .legacy)
        let found = EventValidator.validate(value, dialect: nil, now: now)
        #expect(found.filter { $0.severity == .error }.isEmpty)
        // What is worth saying about the vendor's own legacy example, and nothing else:
        #expect(Set(found.map(\.code)) == ["legacy-dialect", "timestamp-iso8601", "consent-categories-as-numbers"])
        #expect(found.first { $0.code == "timestamp-iso8601" }?.path == "eventTimestamp")
        #expect(found.first { $0.code == "timestamp-iso8601" }?.hint == "Send 1449947461249.")
        #expect(found.first { $0.code == "consent-categories-as-numbers" }?.path == "properties.user.consent_categories")

        let report = PayloadInspector.inspect(bytes: try ModelFixture.bytes("legacy-brief-corrected.json"), form: .automatic, now: now)
        #expect(report.shape == .event)
        #expect(report.findings.isEmpty)
        let event = try #require(report.events.first)
        #expect(event.dialect == .legacy)
        let iso = try #require(event.findings.first { $0.code == "timestamp-iso8601" })
        #expect(iso.line == 17)
        #expect(iso.column == 2)
        #expect(event.findings.first { $0.code == "consent-categories-as-numbers" }?.line == 9)
    }

    @Test func v1SearchExample() throws {
        let value = try ModelFixture.value("v1-search.json")
        #expect(DialectDetector.detect(value) == .v1)
        let found = EventValidator.validate(value, dialect: nil, now: now)
        #expect(Set(found.map(\.code)) == ["v1-dialect", "consent-categories-as-numbers"])
        let event = NormalizedEvent(value)
        #expect(event.page?.url == "https://shop.com/search?q=...")
        #expect(event.device?.cookies.map(\.name) == ["_fbp", "_fbc", "_ga"])
        #expect(event.timestamp?.form == .integerMilliseconds)
    }

    @Test func v2SearchExample() throws {
        let value = try ModelFixture.value("v2-search.json")
        #expect(DialectDetector.detect(value) == .v2)
        let found = EventValidator.validate(value, dialect: nil, now: now)
        #expect(found.map(\.code) == ["timestamp-as-string"])
        #expect(found.first?.path == "context.event_timestamp")
        let report = PayloadInspector.inspect(bytes: try ModelFixture.bytes("v2-search.json"), form: .event, now: now)
        #expect(report.events.first?.findings.first?.line == 32)
        #expect(report.events.first?.findings.first?.column == 5)
    }

    @Test func correctedBatchExample() throws {
        let bytes = try ModelFixture.bytes("v2-batch-corrected.json")
        let report = PayloadInspector.inspect(bytes: bytes, form: .automatic, now: now)
        #expect(report.shape == .batch)
        #expect(report.findings.isEmpty)
        #expect(report.events.count == 2)
        #expect(report.events.map(\.dialect) == [.v2, .v2])
        #expect(!report.hasErrors)
        for event in report.events {
            #expect(Set(event.findings.map(\.code)) == [
                "timestamp-outside-context", "timestamp-as-string", "consent-categories-as-numbers", "missing-user-email",
            ])
        }
        // Each event's findings point into the file, and its byte range is its own source.
        let second = report.events[1]
        #expect(second.line == 21)
        #expect(second.findings.first { $0.code == "timestamp-outside-context" }?.line == 33)
        #expect(second.findings.first { $0.code == "timestamp-outside-context" }?.column == 9)
        #expect(second.findings.first { $0.code == "consent-categories-as-numbers" }?.line == 26)
        let source = try JSONParser.parse(Array(bytes[second.byteRange])).value
        #expect(source == second.value)
        #expect(bytes[second.byteRange.lowerBound] == UInt8(ascii: "{"))
        #expect(bytes[second.byteRange.upperBound - 1] == UInt8(ascii: "}"))
        #expect(report.events[0].findings.first { $0.code == "timestamp-outside-context" }?.line == 19)
    }
}
