import Foundation
import SeededRandom
import Testing
import TrackingModel
@testable import CaptureLog

/// The line encoder writes short members in one piece and skips work where it can: on random
/// records it writes what the format says, byte for byte, as a plain reference encoder (every
/// key, then every string escaped character by character) writes it. Readers of the previous
/// version read these lines, so not one byte may differ.
@Suite struct LineEncodingReferenceTests {
    @Test(arguments: [1 as UInt64, 2, 3, 4])
    func randomRecordsAreEncodedAsTheReferenceEncodesThem(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        for _ in 0..<300 {
            let record = Self.randomRecord(using: &random)
            let line = record.encodedLine()
            let expected = Self.referenceLine(record)
            #expect(line == expected, "\(String(decoding: expected, as: UTF8.self))")
        }
    }

    @Test func theSampleRecordsAreEncodedAsTheReferenceEncodesThem() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
        var records = [sampleRecord(), sampleRecord(body: [0xFF, 0x00, 0x22])]
        for name in ["legacy-brief-corrected.json", "v2-batch-corrected.json", "legacy-brief-published.json"] {
            records.append(sampleRecord(body: [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(name)))))
        }
        for record in records {
            #expect(record.encodedLine() == Self.referenceLine(record))
        }
    }

    // MARK: - The reference

    /// The line as the format says, written as plainly as can be.
    static func referenceLine(_ record: CaptureRecord) -> [UInt8] {
        var out = ""
        func member(_ key: String, _ value: String) { out += "\"\(key)\":" + value }
        let milliseconds = ISOTime.milliseconds(record.time)
        out += "{"
        member("seq", "\(record.sequence)"); out += ","
        member("time", "\"\(ISOTime.string(milliseconds: milliseconds))\""); out += ","
        member("ts_ms", "\(milliseconds)"); out += ","
        member("direction", quoted(record.direction.rawValue)); out += ","
        member("method", quoted(record.method)); out += ","
        member("path", quoted(record.path)); out += ","
        member("query", quoted(record.query))
        if let site = record.siteId { out += ","; member("site", quoted(site)) }
        let summary = EventBodySummary.quickScan(record.requestBody)
        if !summary.eventNames.isEmpty { out += ","; member("events", strings(summary.eventNames)) }
        if summary.userIdsCoverFilter { out += ","; member("users", strings(summary.userIds)) }
        if let reason = summary.noEventsReason { out += ","; member("no_events", quoted(reason.rawValue)) }
        out += ","; member("request_headers", headers(record.requestHeaders))
        out += "," + body(record.requestBody)
        if let response = record.response {
            out += ","; member("response", "{")
            member("status", "\(response.status)"); out += ","
            member("latency_ms", number(response.latencyMilliseconds)); out += ","
            member("headers", headers(response.headers)); out += ","
            out += body(response.body) + "}"
        }
        if let dialect = record.dialect { out += ","; member("dialect", quoted(dialect.rawValue)) }
        out += ","; member("findings", "[" + record.findings.map(finding).joined(separator: ",") + "]")
        if let target = record.targetURL { out += ","; member("target_url", quoted(target)) }
        if let source = record.sourceSequence { out += ","; member("source_seq", "\(source)") }
        out += "}\n"
        return Array(out.utf8)
    }

    static func finding(_ finding: Finding) -> String {
        var members = ["\"severity\":" + quoted(finding.severity.rawValue), "\"code\":" + quoted(finding.code),
                       "\"path\":" + quoted(finding.path), "\"message\":" + quoted(finding.message)]
        if let hint = finding.hint { members.append("\"hint\":" + quoted(hint)) }
        if let line = finding.line { members.append("\"line\":\(line)") }
        if let column = finding.column { members.append("\"column\":\(column)") }
        return "{" + members.joined(separator: ",") + "}"
    }

    static func headers(_ fields: [CaptureRecord.HeaderField]) -> String {
        "[" + fields.map { "[" + quoted($0.name) + "," + quoted($0.value) + "]" }.joined(separator: ",") + "]"
    }

    static func strings(_ values: [String]) -> String {
        "[" + values.map(quoted).joined(separator: ",") + "]"
    }

    static func body(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return "\"body\":" + quoted(text) }
        return "\"body_base64\":\"" + Data(bytes).base64EncodedString() + "\""
    }

    /// Integers without a fraction, others in Swift's shortest form, not finite as 0.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        return value == value.rounded() && abs(value) < 1e15 ? "\(Int64(value))" : "\(value)"
    }

    /// The documented escapes, character by character.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    // MARK: - Random records

    static func randomText(using random: inout SeededRandom) -> String {
        let characters: [Unicode.Scalar] = [
            "a", "Z", " ", "0", "/", "=", "&", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}",
            "\u{2028}", "\u{2029}", "\u{2027}", "\u{2192}", "é", "日", "😀",
        ]
        // Mostly plain ASCII (as most values are), around the length the writer copies whole.
        let length = random.below(3) == 0 ? random.below(90) : random.below(40)
        var text = ""
        let plain = random.below(2) == 0
        for _ in 0..<length {
            if plain || random.below(4) != 0 {
                text.unicodeScalars.append(Unicode.Scalar(UInt8(0x20 + random.below(0x5F))))
            } else {
                text.unicodeScalars.append(characters[random.below(characters.count)])
            }
        }
        return text
    }

    static func randomBody(using random: inout SeededRandom) -> [UInt8] {
        switch random.below(4) {
        case 0: return (0..<random.below(40)).map { _ in UInt8(random.below(256)) }
        case 1: return Array(randomText(using: &random).utf8)
        default:
            let name = randomText(using: &random), user = randomText(using: &random)
            return Array("{\"event_name\":\(quoted(name)),\"user\":{\"id\":\(quoted(user))},\"n\":[1,2.5,null]}".utf8)
        }
    }

    static func randomHeaders(using random: inout SeededRandom) -> [CaptureRecord.HeaderField] {
        (0..<random.below(5)).map { _ in
            .init(name: randomText(using: &random), value: randomText(using: &random))
        }
    }

    static func randomRecord(using random: inout SeededRandom) -> CaptureRecord {
        func maybe<T>(_ make: (inout SeededRandom) -> T) -> T? {
            random.below(2) == 0 ? nil : make(&random)
        }
        let latencies: [Double] = [0, 1.5, 1.467672, 250, 0.000123, 12_345.678_9, .nan, 1e20, -3.25]
        return CaptureRecord(
            sequence: UInt64(random.below(1_000_000)),
            time: Date(timeIntervalSince1970: 1_764_180_000 + Double(random.below(1_000_000)) / 1000),
            direction: random.below(2) == 0 ? .received : .sent,
            method: randomText(using: &random), path: randomText(using: &random), query: randomText(using: &random),
            siteId: maybe { randomText(using: &$0) },
            requestHeaders: randomHeaders(using: &random),
            requestBody: randomBody(using: &random),
            response: maybe { random in
                .init(status: random.below(600), headers: randomHeaders(using: &random), body: randomBody(using: &random),
                      latencyMilliseconds: latencies[random.below(latencies.count)])
            },
            dialect: maybe { Dialect.allCases[$0.below(Dialect.allCases.count)] },
            findings: (0..<random.below(4)).map { _ in
                Finding(severity: Finding.Severity.allCases[random.below(3)], code: randomText(using: &random),
                        path: randomText(using: &random), message: randomText(using: &random),
                        hint: maybe { randomText(using: &$0) }, line: maybe { $0.below(1000) }, column: maybe { $0.below(1000) })
            },
            targetURL: maybe { randomText(using: &$0) },
            sourceSequence: maybe { UInt64($0.below(1000)) }
        )
    }
}
