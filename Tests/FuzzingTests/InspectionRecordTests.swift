import Foundation
import Fuzzing
import Testing
@testable import TrackingModel

/// The payload inspector's findings, every field of them (code, severity, path, message, hint,
/// line, column, in order), on the fixtures, the payload inspector's fuzz seeds, the placement
/// tests' hand-made cases and mutations of them, in every form, are those recorded in
/// `Tests/Fixtures/inspection-findings.txt` by the inspector before its hot path was reworked
/// for speed. A change of any finding shows there as a changed line.
///
/// To record the file again (only for an intended change of findings): run this suite with
/// `TRACKSCOPE_RECORD_FINDINGS=1` in the environment.
@Suite struct InspectionRecordTests {
    static let recordURL = FuzzingTests.projectRoot.appendingPathComponent("Tests/Fixtures/inspection-findings.txt")

    /// Events that raise the validator's rarer findings (each code at least once with the others).
    static let rareFindings: [String] = [
        #"{"event_name":"purchase","user":{"consent_categories":[],"consistent_anonymous_id":"a","email":"A@b","phone":"+0612","email_sha256":"ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789","email_md5":"xyz"},"context":{"event_id":"e","event_timestamp":1639044446,"page":{"url":7},"device":[],"app":1},"value":"12","revenue":3,"currency":"eur","payment_method":"cheque","items":[]}"#,
        #"{"event_name":"select_item","event_timestamp":"1639044446636","event_id":"x","device":{},"page":{},"app":{},"user":{"consent_categories":"1","consistent_anonymous_id":""},"items":[{"product":{"id":"\#(String(repeating: "p", count: 60))","price":"9.5","colors":["red",2]},"quantity":1.5},{"product":{"id":3}}]}"#,
        #"{"event_name":"Add To Cart","context":{"event_id":"","event_timestamp":"2015-13-12"},"user":{"consent_categories":[1,{"a":1}],"birthdate":"1990-02-40","emial":"a@b.c"},"value":1,"coupn":"x","shipping_tier":""}"#,
        #"{"event_name":"purchse","context":{"event_id":[],"event_timestamp":99999999999999},"user":null,"currency":"XXY"}"#,
        #"{"event_name":"","context":{"event_timestamp":946684799999},"user":[],"revenue":1}"#,
        #"{"event_name":7,"context":{"event_timestamp":true}}"#,
        #"{"event":"search","eventId":1,"eventTimestamp":"12:00","properties":7,"device":{"userAgent":"x"}}"#,
        #"{"event_name":"search","event_id":"1","event_timestamp":1639044446636,"properties":{"search_term":"a","b":1,"c":2,"d":3,"e":4,"user":{"consent_categories":["1"],"email":"a@b.co"}},"page":{"location":"x","page_type":"nope"},"device":{"user_agent":"x","cookie":"y"},"app":{}}"#,
        #"{"event_name":"page_view","context":{"event_id":"1","event_timestamp":"2030-01-01T00:00:00Z"},"user":{"consent_categories":[null],"consistent_anonymous_id":"c","email_sha256":"abc"}}"#,
        #"[{"event_name":"refund","context":{"event_id":"1","event_timestamp":1639044446636},"user":{"consent_categories":["1"],"consistent_anonymous_id":"c","email":"a@b.co"},"items":[{"product":{"id":"p"}},7]}]"#,
        #"{"event_name":"search","search_term":"","context":{"event_id":"1","event_timestamp":1639044446636},"device":{},"event_id":"2","user":{"consent_categories":["1"]}}"#,
        "",
        #"{"batch":[]}"#,
    ]

    /// The inputs: fixtures, seeds and hand-made cases, then 300 mutations of the seeds.
    static func inputs() throws -> [(name: String, bytes: [UInt8])] {
        let fixtureFolder = FuzzingTests.projectRoot.appendingPathComponent("Tests/Fixtures")
        let fixtures = try FileManager.default.contentsOfDirectory(atPath: fixtureFolder.path)
            .filter { $0.hasSuffix(".json") }.sorted()
            .map { (name: $0, bytes: [UInt8](try Data(contentsOf: fixtureFolder.appendingPathComponent($0)))) }
        let seeds = FuzzTargets.payloadInspector.seeds + (FindingPlacementTests.handMade + Self.rareFindings).map { Array($0.utf8) }
        var inputs = fixtures + seeds.enumerated().map { (name: "seed \($0.offset)", bytes: $0.element) }
        var mutator = FuzzMutator(seed: 20_261_203)
        for index in 0..<300 {
            inputs.append((name: "mutation \(index)", bytes: mutator.input(from: seeds)))
        }
        return inputs
    }

    /// One line per finding: where it was reported (input, form, event) and all of its fields.
    static func record(of inputs: [(name: String, bytes: [UInt8])]) -> String {
        var lines: [String] = []
        for input in inputs {
            for form in PayloadForm.allCases {
                let report = PayloadInspector.inspect(bytes: input.bytes, form: form, now: FindingPlacementTests.now)
                let events = report.events.enumerated().map { (index, event) in (label: "event \(index) \(event.dialect)", findings: event.findings) }
                for (label, findings) in [(label: "payload", findings: report.findings)] + events {
                    for finding in findings {
                        let place = "\(finding.line.map(String.init) ?? "-"):\(finding.column.map(String.init) ?? "-")"
                        lines.append([
                            input.name, "\(form)", report.shape.rawValue, label, finding.severity.rawValue, finding.code,
                            String(reflecting: finding.path), place, String(reflecting: finding.message),
                            finding.hint.map { String(reflecting: $0) } ?? "-",
                        ].joined(separator: " | "))
                    }
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func findingsAreTheRecordedOnes() throws {
        let inputs = try Self.inputs()
        let current = Self.record(of: inputs)
        if ProcessInfo.processInfo.environment["TRACKSCOPE_RECORD_FINDINGS"] == "1" {
            try current.write(to: Self.recordURL, atomically: true, encoding: .utf8)
        }
        let recorded = try String(contentsOf: Self.recordURL, encoding: .utf8)
        let currentLines = current.split(separator: "\n", omittingEmptySubsequences: false)
        let recordedLines = recorded.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(currentLines.count == recordedLines.count)
        var differences = 0
        for (now, then) in zip(currentLines, recordedLines) where now != then {
            differences += 1
            if differences <= 5 { Issue.record("now:  \(now)\nthen: \(then)") }
        }
        #expect(differences == 0)
        #expect(recordedLines.count > 1000)
    }
}
