import Foundation
import Testing
import TrackingModel
@testable import CaptureLog

/// Lines a hostile client (or a damaged file) can put in the log: deep nesting where the reader
/// steps over values, and strings the summary used to accept without checking.
@Suite struct HostileLineTests {
    /// Deep values as a client could send them: unclosed and closed, arrays and objects.
    static let deepValues: [(String, [UInt8])] = [
        ("250,000 [", [UInt8](repeating: UInt8(ascii: "["), count: 250_000)),
        ("250,000 [ closed", [UInt8](repeating: UInt8(ascii: "["), count: 250_000) + [UInt8](repeating: UInt8(ascii: "]"), count: 250_000)),
        ("50,000 {\"a\":", Array(String(repeating: #"{"a":"#, count: 50_000).utf8)),
        ("50,000 {\"a\": closed", Array((String(repeating: #"{"a":"#, count: 50_000) + "1" + String(repeating: "}", count: 50_000)).utf8)),
    ]

    /// A record line (starting `{"seq":` and ending `}` like every record) with `deep` as the
    /// value of `member`: `body` itself, an unknown member, the `events` summary, or a member of
    /// a finding.
    static func line(seq: Int, deep: [UInt8], at member: String, withEvents: Bool = true) -> [UInt8] {
        var text = #"{"seq":\#(seq),"time":"2025-11-26T18:00:00.123Z","ts_ms":1764180000123,"direction":"received","method":"POST","path":"/v2/42/events","query":"""#
        if withEvents { text += #","events":["page_view"]"# }
        text += #","request_headers":[["Content-Type","application/json"]]"#
        var bytes = Array(text.utf8)
        switch member {
        case "body":
            bytes += Array(#","body":"#.utf8) + deep + Array(#","findings":[]}"#.utf8)
        case "events", "users":
            bytes += Array(#","body":"{}","\#(member)":"#.utf8) + deep + Array(#","findings":[]}"#.utf8)
        case "finding":
            bytes += Array(#","body":"{}","findings":[{"severity":"info","code":"x","path":"$","message":"m","extra":"#.utf8)
                + deep + Array("}]}".utf8)
        default:
            bytes += Array(#","body":"{}","hostile":"#.utf8) + deep + Array(#","findings":[]}"#.utf8)
        }
        return bytes
    }

    static let members = ["body", "hostile", "events", "users", "finding"]

    @Test func deepValuesInALineAreErrorsForBothDecoders() {
        for (name, deep) in Self.deepValues {
            for member in Self.members {
                for withEvents in [true, false] {
                    let line = Self.line(seq: 1, deep: deep, at: member, withEvents: withEvents)
                    #expect(throws: CaptureDecodeError.self, "\(name) in \(member)") { try CaptureRecord.decode(line: line) }
                    #expect(throws: CaptureDecodeError.self, "\(name) in \(member)") { try CaptureRecordSummary.decode(line: line) }
                }
            }
        }
        // Where the reader steps over the value, the error says why.
        let line = Self.line(seq: 1, deep: Self.deepValues[0].1, at: "hostile")
        #expect(throws: CaptureDecodeError("nesting deeper than \(JSONParser.maximumDepth) levels", offset: line.count - 250_000 - 15 + JSONParser.maximumDepth - 1)) {
            try CaptureRecord.decode(line: line)
        }
    }

    /// The request of the report: a body of 250,000 `[` (and one of `{"a":` repeated), recorded
    /// as it came, reads back whole; its event names are none, not a crash.
    @Test func aRecordedDeepBodyReadsBack() throws {
        for (_, deep) in Self.deepValues {
            let record = CaptureRecord(sequence: 3, direction: .received, method: "POST", path: "/v2/42/events", requestBody: deep)
            let line = record.encodedLine()
            let decoded = try CaptureRecord.decode(line: line)
            #expect(decoded.requestBody == deep)
            #expect(decoded.eventNames.isEmpty)
            #expect(decoded.quickEventNames.isEmpty)
            #expect(try CaptureRecordSummary.decode(line: line).eventNames.isEmpty)
            // A line written before the events summary existed: the summary reads the body.
            let older = String(decoding: line, as: UTF8.self).replacingOccurrences(of: #""events":[],"#, with: "")
            #expect(try CaptureRecordSummary.decode(line: Array(older.utf8)).eventNames.isEmpty)
        }
    }

    /// Through the reader: open, record, scan, filter and summaries skip the hostile lines and
    /// count them, and read the good ones around them.
    @Test func theLogReaderSkipsAndCountsHostileLines() async throws {
        let url = temporaryLogURL()
        let writer = try CaptureLogWriter(url: url, durability: .os)
        try await writer.append(sampleRecord(event: "before"))
        try await writer.close()
        var bytes = try fileBytes(url)
        var hostile = 0
        for (_, deep) in Self.deepValues {
            for member in Self.members {
                bytes += Self.line(seq: 2 + hostile, deep: deep, at: member) + [0x0A]
                hostile += 1
            }
        }
        var after = sampleRecord(event: "after")
        after.sequence = UInt64(2 + hostile)
        bytes += after.encodedLine()
        try Data(bytes).write(to: url)

        let reader = try CaptureLogReader(url: url)
        #expect(reader.count == hostile + 2)
        #expect(throws: CaptureLogError.self) { try reader.record(at: 1) }
        #expect(reader.records(in: 0..<reader.count).map(\.quickEventNames) == [["before"], ["after"]])
        let all = try reader.scan(matching: .all) { _ in }
        #expect(all.matches == 2 && all.corrupt == hostile)
        var matched: [String] = []
        let filtered = try reader.scan(matching: try FilterQuery.parse("event:after")) { matched += $0.eventNames }
        #expect(matched == ["after"])
        #expect(filtered.matches == 1)
        var names: [[String]] = []
        let summaries = try reader.scanSummaries { summary, _ in names.append(summary.eventNames) }
        #expect(names == [["before"], ["after"]])
        #expect(summaries.corrupt == hostile)
    }

    /// A string the full decoder refuses, the summary refuses too, whether it steps over the
    /// body (the line has its `events` summary) or reads it.
    @Test(arguments: [
        #""\x""#, #""\ud800""#, #""a\udc00""#, #""\u12G4""#, "\"a\u{01}b\"", "\"tab\u{09}\"",
    ])
    func theSummaryAndTheFullDecoderAgreeOnBrokenStrings(body: String) throws {
        let good = String(decoding: sampleRecord().encodedLine(), as: UTF8.self)
        let bodyStart = try #require(good.range(of: #""body":""#))
        let bodyEnd = try #require(good.range(of: #"","response""#, range: bodyStart.upperBound..<good.endIndex))
        let broken = String(good[..<bodyStart.lowerBound]) + #""body":"# + body + String(good[bodyEnd.lowerBound...].dropFirst())
        #expect(broken.contains(#""events":["purchase"]"#))
        let withoutEvents = broken.replacingOccurrences(of: #""events":["purchase"],"#, with: "")
        for line in [broken, withoutEvents] {
            #expect(throws: CaptureDecodeError.self, "\(line)") { try CaptureRecord.decode(line: Array(line.utf8)) }
            #expect(throws: CaptureDecodeError.self, "\(line)") { try CaptureRecordSummary.decode(line: Array(line.utf8)) }
        }
        // The same line with a good body decodes both ways.
        _ = try CaptureRecord.decode(line: Array(good.utf8))
        _ = try CaptureRecordSummary.decode(line: Array(good.utf8))
    }

    /// A finding or a response member with a broken string is refused by both too.
    @Test func brokenStringsElsewhereAreRefusedByBoth() throws {
        let good = String(decoding: sampleRecord().encodedLine(), as: UTF8.self)
        for (from, to) in [(#""message":"items"#, #""message":"it\ems"#), (#""hint":"add items""#, #""hint":"\ud800""#),
                           (#""body":"{\"status\":\"ok\"}""#, #""body":"\q""#), (#""Content-Type""#, #""Content\-Type""#)] {
            #expect(good.contains(from))
            let line = Array(good.replacingOccurrences(of: from, with: to).utf8)
            #expect(throws: CaptureDecodeError.self, "\(to)") { try CaptureRecord.decode(line: line) }
            #expect(throws: CaptureDecodeError.self, "\(to)") { try CaptureRecordSummary.decode(line: line) }
        }
    }
}
