import Foundation
import Testing
@testable import TrackingModel

/// Builders of payloads of an exact size.
enum SizedPayload {
    /// A valid v2 search event whose compact JSON is exactly `size` bytes.
    static func event(size: Int) -> [UInt8] {
        let base = Array(JSONPrinter.compact(SpecCatalogue.example(for: "search", dialect: .v2)!.value).utf8)
        let empty = base.dropLast() + Array(",\"padding\":\"\"}".utf8)
        precondition(size >= empty.count)
        return Array(base.dropLast()) + Array(",\"padding\":\"".utf8)
            + [UInt8](repeating: UInt8(ascii: "x"), count: size - empty.count) + Array("\"}".utf8)
    }

    /// `{"batch":[...]}` of events of `eventSize` bytes, the last one adjusted so the whole body is
    /// exactly `total` bytes.
    static func batch(total: Int, eventSize: Int = 30_000) -> [UInt8] {
        let overhead = "{\"batch\":[]}".utf8.count
        var sizes: [Int] = []
        var remaining = total - overhead
        while remaining > 0 {
            let separator = sizes.isEmpty ? 0 : 1
            if remaining - separator >= 2 * eventSize {
                sizes.append(eventSize)
                remaining -= eventSize + separator
            } else {
                // Split what is left into one or two events that each fit the event limit.
                let left = remaining - separator
                if left <= RequestLimits.eventInBatchBytes {
                    sizes.append(left)
                } else {
                    sizes.append(left / 2)
                    sizes.append(left - left / 2 - 1)
                }
                remaining = 0
            }
        }
        var body = Array("{\"batch\":[".utf8)
        for (index, size) in sizes.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body += event(size: size)
        }
        body += Array("]}".utf8)
        return body
    }
}

@Suite struct PayloadInspectorTests {
    let now = Date(timeIntervalSince1970: 1_718_150_400)

    func inspect(_ bytes: [UInt8], _ form: PayloadForm) -> PayloadReport {
        PayloadInspector.inspect(bytes: bytes, form: form, now: now)
    }

    func inspect(_ text: String, _ form: PayloadForm = .automatic) -> PayloadReport {
        inspect(Array(text.utf8), form)
    }

    /// Each event's byte range ends where a full read of its value ends, and each finding's line
    /// and column are where a locator reading every member of every object puts its path (the
    /// inspector takes shortcuts for both when the parser found no repeated key: the end of a
    /// single event is the last byte before trailing whitespace, and a member search stops at
    /// the first match).
    @Test(arguments: [
        ("legacy-brief-corrected.json", PayloadForm.event), ("v1-search.json", .event), ("v2-search.json", .event),
        ("v2-batch-corrected.json", .batch), ("v2-batch-corrected.json", .automatic),
    ])
    func rangesAndPositionsAreThoseOfAFullRead(fixture: String, form: PayloadForm) throws {
        let fixtureBytes = try JSONParserFixture.bytes(fixture)
        for bytes in [fixtureBytes, fixtureBytes + Array(" \r\n\t\n".utf8), [0xEF, 0xBB, 0xBF] + Array("\n ".utf8) + fixtureBytes] {
            let report = inspect(bytes, form)
            #expect(!report.events.isEmpty)
            for event in report.events {
                let end = try bytes.withUnsafeBufferPointer { buffer in
                    var reader = JSONPullReader(buffer, offset: event.byteRange.lowerBound)
                    try reader.skipValue()
                    return reader.offset
                }
                #expect(event.byteRange.upperBound == end)
                let source = Array(bytes[event.byteRange])
                var counter = SourcePositionCounter()
                let base = counter.advance(to: event.byteRange.lowerBound, in: bytes)
                for finding in event.findings where finding.line != nil {
                    let inEvent = try #require(JSONLocator.position(of: JSONPath(parsing: finding.path), in: source))
                    let placed = PayloadInspector.shift(inEvent, by: base)
                    #expect(finding.line == placed.line && finding.column == placed.column, "\(finding.code) at \(finding.path)")
                }
            }
        }
    }

    @Test func singleEventSizeLimitAtTheBoundary() {
        let accepted = SizedPayload.event(size: 32_768)
        #expect(accepted.count == 32_768)
        let ok = inspect(accepted, .event)
        #expect(ok.findings.isEmpty)
        #expect(ok.events.count == 1)
        #expect(!ok.hasErrors)
        let refused = inspect(SizedPayload.event(size: 32_769), .event)
        #expect(refused.findings.map(\.code) == ["request-too-large"])
        #expect(refused.findings.first?.severity == .error)
        #expect(refused.events.count == 1)  // still inspected
        #expect(inspect(SizedPayload.event(size: 32_769), .automatic).findings.map(\.code) == ["request-too-large"])
    }

    @Test func batchSizeLimitAtTheBoundary() {
        let accepted = SizedPayload.batch(total: 512_000)
        #expect(accepted.count == 512_000)
        let ok = inspect(accepted, .batch)
        #expect(ok.shape == .batch)
        #expect(ok.findings.isEmpty)
        #expect(ok.events.count > 16)
        #expect(!ok.hasErrors)
        let refused = SizedPayload.batch(total: 512_001)
        #expect(refused.count == 512_001)
        #expect(inspect(refused, .batch).findings.map(\.code) == ["batch-too-large"])
        #expect(inspect(refused, .automatic).findings.map(\.code) == ["batch-too-large"])
    }

    @Test func eachEventOfABatchIsLimitedOnItsSourceBytes() throws {
        let fits = SizedPayload.event(size: 32_768)
        let tooBig = SizedPayload.event(size: 32_769)
        let body = Array("{\"batch\": [\n".utf8) + fits + Array(",\n  ".utf8) + tooBig + Array("\n]}".utf8)
        let report = inspect(body, .batch)
        #expect(report.findings.isEmpty)
        #expect(report.events.count == 2)
        #expect(report.events[0].byteRange.count == 32_768)
        #expect(report.events[1].byteRange.count == 32_769)
        #expect(!report.events[0].findings.contains { $0.code == "event-too-large" })
        let finding = try #require(report.events[1].findings.first { $0.code == "event-too-large" })
        #expect(finding.severity == .error)
        #expect(finding.line == 3)
        #expect(finding.column == 3)
    }

    @Test func jsonLinesWithABrokenLine() throws {
        let good = JSONPrinter.compact(SpecCatalogue.example(for: "search", dialect: .v2)!.value)
        let text = good + "\n\n{\"event_name\": \"purchase\" \"x\": 1}\r\n" + good.replacingOccurrences(of: "\"en\"", with: "\"fr\"") + "\n"
        let report = inspect(text)
        #expect(report.shape == .jsonLines)
        #expect(report.findings.isEmpty)
        #expect(report.events.count == 3)
        #expect(report.events.map(\.line) == [1, 3, 4])
        let broken = report.events[1]
        #expect(broken.value == nil)
        #expect(broken.dialect == .unknown)
        let error = try #require(broken.findings.first)
        #expect(error.code == "invalid-json")
        #expect(error.line == 3)
        #expect(error.column == 27)  // the "x" that should have followed a comma
        #expect(report.events[0].value != nil && report.events[2].value != nil)
        #expect(report.events[2].findings.filter { $0.severity == .error }.isEmpty)
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[broken.byteRange], as: UTF8.self) == "{\"event_name\": \"purchase\" \"x\": 1}")
        #expect(report.hasErrors)
    }

    @Test func jsonLinesFindingsPointAtTheirLine() throws {
        let text = "{\"event_name\":\"search\",\"search_term\":\"a\",\"user\":{\"consistent_anonymous_id\":\"1\",\"email\":\"a@b.fr\",\"consent_categories\":[\"1\"]},\"context\":{\"event_id\":\"1\",\"event_timestamp\":1718096400000}}\n"
            + "{\"event_name\":\"search\",\"user\":{\"consistent_anonymous_id\":\"1\",\"email\":\"a@b.fr\",\"consent_categories\":[\"1\"]},\"context\":{\"event_id\":\"1\",\"event_timestamp\":1718096400000}}\n"
        let report = inspect(text)
        #expect(report.shape == .jsonLines)
        #expect(report.events[0].findings.isEmpty)
        let missing = try #require(report.events[1].findings.first { $0.code == "missing-required-field" })
        #expect(missing.path == "search_term")
        #expect(missing.line == 2)
        #expect(missing.column == 1)  // the root object: the missing member would go there
    }

    @Test func automaticRecognisesArraysAndBatches() {
        let event = JSONPrinter.compact(SpecCatalogue.example(for: "login", dialect: .v2)!.value)
        let array = inspect("[\(event), \(event)]")
        #expect(array.shape == .array)
        #expect(array.events.count == 2)
        #expect(array.findings.isEmpty)
        let batch = inspect("{\"batch\": [\(event)]}")
        #expect(batch.shape == .batch)
        #expect(batch.events.count == 1)
        let single = inspect(event)
        #expect(single.shape == .event)
        #expect(single.events.first?.byteRange == 0..<event.utf8.count)
        let empty = inspect("{\"batch\": []}")
        #expect(empty.findings.map(\.code) == ["empty-batch"])
    }

    @Test func batchFormShapes() {
        let event = JSONPrinter.compact(SpecCatalogue.example(for: "login", dialect: .v2)!.value)
        let bare = inspect(Array("[\(event)]".utf8), .batch)
        #expect(bare.findings.map(\.code) == ["batch-not-wrapped"])
        #expect(bare.events.count == 1)
        let single = inspect(Array(event.utf8), .batch)
        #expect(single.findings.map(\.code) == ["invalid-batch"])
        #expect(single.findings.first?.severity == .error)
        // An array sent to the single-event endpoint is validated as one (odd) event.
        let arrayAsEvent = inspect(Array("[\(event)]".utf8), .event)
        #expect(arrayAsEvent.events.first?.findings.map(\.code) == ["not-an-object"])
    }

    @Test func parseWarningsBecomeFindings() {
        let text = "\u{FEFF}{\"event_name\": \"login\", \"event_name\": \"login\"}"
        let report = inspect(text, .event)
        let codes = report.findings.map(\.code)
        #expect(codes.contains("byte-order-mark"))
        #expect(codes.contains("duplicate-key"))
        #expect(report.findings.allSatisfy { $0.severity == .warning })
        #expect(report.events.count == 1)
    }

    @Test func parseErrorsBecomeFindings() {
        let empty = inspect("", .event)
        #expect(empty.findings.map(\.code) == ["empty-input"])
        #expect(empty.events.isEmpty)
        let truncated = inspect("{\"event_name\": \"login\"", .automatic)
        #expect(truncated.findings.first?.code == "invalid-json")
        #expect(truncated.findings.first?.path == "$")
        #expect(truncated.findings.first?.line == 1)
        let invalidUTF8 = inspect([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D], .event)
        #expect(invalidUTF8.findings.first?.code == "invalid-utf8")
        // A pretty document with an error is not mistaken for JSON Lines.
        let pretty = inspect("{\n  \"a\": 1\n  \"b\": 2\n}")
        #expect(pretty.shape == .event)
        #expect(pretty.findings.first?.line == 3)
    }

    @Test func findingsAreLocatedInPrettyInput() throws {
        var example = SpecCatalogue.example(for: "purchase", dialect: .v2)!.value
        example = example.setting("currency", to: "eur")
        let text = JSONPrinter.pretty(example)
        let report = inspect(text, .event)
        let finding = try #require(report.events.first?.findings.first { $0.code == "invalid-currency" })
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(finding.line)
        #expect(lines[line - 1].contains("\"currency\": \"eur\""))
        #expect(finding.column == 3)
    }
}
