import Foundation
import Fuzzing
import Testing
@testable import TrackingModel

/// The payload inspector places every finding of the validator where the former placement put it:
/// one scan of the event's text per finding, from the path as the finding writes it (the
/// reference below), then line and column counted from the event's start. Checked on the
/// fixtures, the payload inspector's fuzz seeds, hand-made cases (repeated keys, batches, nested
/// arrays, escaped keys, byte-order marks, JSON Lines) and mutations of all of them.
@Suite struct FindingPlacementTests {
    static let now = Date(timeIntervalSince1970: 1_764_180_000)
    static let validatorCodes = Set(EventValidator.Code.all.map(\.code))

    /// The findings of the validator with their line and column as one scan per finding puts them.
    static func referenceFindings(of event: InspectedEvent, in bytes: [UInt8], shape: PayloadReport.Shape) -> [Finding] {
        guard let value = event.value else { return [] }
        let source = Array(bytes[event.byteRange])
        var counter = SourcePositionCounter()
        let start = counter.advance(to: event.byteRange.lowerBound, in: bytes)
        // JSON Lines count lines by their line feeds and start each event at column 1.
        let base = shape == .jsonLines
            ? SourcePosition(offset: event.byteRange.lowerBound, line: event.line, column: 1)
            : start
        return EventValidator.validate(value, dialect: event.dialect, now: now).map { finding in
            var finding = finding
            let offset = source.withUnsafeBytes { JSONLocator.offset(of: JSONPath(parsing: finding.path), in: $0) }
            if let offset {
                var eventCounter = SourcePositionCounter()
                let placed = PayloadInspector.shift(eventCounter.advance(to: offset, in: source), by: base)
                finding.line = placed.line
                finding.column = placed.column
            }
            return finding
        }
    }

    /// Compares the placements on `input` in every form; the number of findings compared.
    static func compare(_ input: [UInt8]) -> Int {
        var compared = 0
        for form in PayloadForm.allCases {
            let report = PayloadInspector.inspect(bytes: input, form: form, now: now)
            for event in report.events {
                let placed = event.findings.filter { validatorCodes.contains($0.code) }
                let expected = referenceFindings(of: event, in: input, shape: report.shape)
                #expect(placed == expected, "\(form) \(String(decoding: input, as: UTF8.self))")
                compared += expected.count
            }
        }
        return compared
    }

    static let handMade: [String] = [
        // Repeated keys, at the root and below (the last one wins, also for what is under it).
        #"{"event":"purchase","eventId":"1","properties":{"user":{"email":"x"},"user":{"consent_categories":[1,"2",null]}}}"#,
        #"{"event_name":"purchase","user":{"consent_categories":[]},"user":7,"context":{"event_id":"","event_id":3}}"#,
        #"{"event_name":"add_to_cart","items":[{"product":{"id":1}}],"items":[{"product":{"id":2,"price":"a"},"quantity":"1"},{}]}"#,
        // Batches and bare arrays, with nested arrays.
        #"{"batch":[{"event_name":"purchase","items":[{"product":{"colors":[1,[2]],"id":"p"}}]},{"event_name":"x Y"},[1,[2]],3]}"#,
        #"[{"event_name":"select_item","items":[[],{"product":{"id":"a"}},{"product":null}]},{"event":"search","properties":[]}]"#,
        // Escaped keys.
        #"{"ev\u0065nt_name":"purchase","\u0075ser":{"consent_categories":[1],"em\u0061il":"no"},"value":"1","ite\u006ds":[]}"#,
        #"{"event_name":"page_view","user":{"odd key":1,"a.b":2,"c]d":3,"$":4,"é":5,"phone":"0"},"$":1,"Bad Key":2}"#,
        // JSON Lines.
        "{\"event_name\":\"a\",\"user\":{\"email_md5\":\"X\"}}\n\n{\"event\":\"b\",\"properties\":{\"user\":{\"id\":2}}}\r\n[1]\n{\"user\":{}}",
    ]

    @Test func placementsAreThoseOfOneScanPerFinding() throws {
        let fixtureFolder = FuzzingTests.projectRoot.appendingPathComponent("Tests/Fixtures")
        let fixtures = try FileManager.default.contentsOfDirectory(atPath: fixtureFolder.path)
            .filter { $0.hasSuffix(".json") }.sorted()
            .map { [UInt8](try Data(contentsOf: fixtureFolder.appendingPathComponent($0))) }
        #expect(fixtures.count >= 6)
        var inputs = fixtures + FuzzTargets.payloadInspector.seeds + Self.handMade.map { Array($0.utf8) }
        // Each also behind a byte-order mark and whitespace, and pretty-printed when it parses.
        inputs += inputs.map { [0xEF, 0xBB, 0xBF] + Array(" \r\n\t".utf8) + $0 }
        inputs += inputs.compactMap { (try? JSONParser.parse($0)).map { Array(JSONPrinter.pretty($0.value).utf8) } }
        var compared = 0
        for input in inputs { compared += Self.compare(input) }
        #expect(compared > 1000)
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func placementsOfMutatedPayloadsAreThoseOfOneScanPerFinding(seed: UInt64) {
        let seeds = FuzzTargets.payloadInspector.seeds + Self.handMade.map { Array($0.utf8) }
        var mutator = FuzzMutator(seed: seed)
        var compared = 0
        for _ in 0..<400 { compared += Self.compare(mutator.input(from: seeds)) }
        #expect(compared > 100)
    }
}
