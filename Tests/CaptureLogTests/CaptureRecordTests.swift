import Foundation
import Testing
import TrackingModel
@testable import CaptureLog

@Suite struct CaptureRecordTests {
    @Test func keepsBodyBytesAsGiven() {
        let bytes: [UInt8] = [0xFF, 0x00, 0x1B, 0x7B]
        let record = CaptureRecord(direction: .received, method: "POST", path: "/events", requestBody: bytes)
        #expect(record.requestBody == bytes)
        #expect(record.response == nil)
    }
}

@Suite struct CaptureRecordLineTests {
    @Test func numbersAndTextRoundTripThroughALine() throws {
        var record = sampleRecord()
        record.sequence = 1_000_000_007
        record.sourceSequence = 9
        record.response?.status = 0
        record.response?.latencyMilliseconds = 250
        record.findings[0].line = 10
        record.findings[0].column = 1_234_567
        record.method = "PO\"ST\n"
        let line = record.encodedLine()
        #expect(line.last == 0x0A)
        #expect(!line.dropLast().contains(0x0A))
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.hasPrefix(#"{"seq":1000000007,"time":"#))
        #expect(text.contains(#""status":0,"latency_ms":250,"#))
        #expect(text.contains(#""line":10,"column":1234567}"#))
        #expect(text.hasSuffix(#""source_seq":9}"# + "\n"))
        var decoded = try CaptureRecord.decode(line: line)
        // Time is kept to the millisecond.
        #expect(abs(decoded.time.timeIntervalSince(record.time)) < 0.001)
        decoded.time = record.time
        #expect(decoded == record)
    }

    @Test func theLineIsTheSequenceFollowedByTheRestEncodedOnItsOwn() {
        var record = sampleRecord()
        record.sequence = 42
        let whole = record.encodedLine()
        let rest = record.encodedLineAfterSequence()
        #expect(whole == Array(#"{"seq":42,"#.utf8) + rest + [0x0A])
    }

    @Test func everyControlCharacterQuoteAndBackslashIsEscapedAndComesBack() throws {
        // Every byte below 0x80 (controls, DEL, quote, backslash), then multi-byte UTF-8.
        let text = String(decoding: (0..<0x80).map { UInt8($0) }, as: UTF8.self) + "é€😀"
        var record = sampleRecord(body: Array(text.utf8))
        record.path = text
        record.requestHeaders = [.init(name: "X-Text", value: text)]
        let line = record.encodedLine()
        #expect(line.dropLast().allSatisfy { $0 >= 0x20 && $0 != 0x7F })
        let written = String(decoding: line, as: UTF8.self)
        #expect(written.contains(#"\u0000\u0001"#))
        #expect(written.contains(#"\t\n\u000b\u000c\r"#))
        #expect(written.contains(##"!\"#$"##))
        #expect(written.contains(#"[\\]"#))
        #expect(written.contains(#"~\u007fé€😀"#))
        let decoded = try CaptureRecord.decode(line: line)
        #expect(decoded.requestBody == record.requestBody)
        #expect(decoded.path == text)
        #expect(decoded.requestHeaders == record.requestHeaders)
    }

    @Test func aBodyThatIsNotUTF8IsWrittenAsBase64() throws {
        let record = sampleRecord(body: [0x7B, 0xFF, 0xFE, 0x7D])
        let written = String(decoding: record.encodedLine(), as: UTF8.self)
        #expect(written.contains(#""body_base64":"e//+fQ==""#))
        #expect(try CaptureRecord.decode(line: record.encodedLine()).requestBody == [0x7B, 0xFF, 0xFE, 0x7D])
    }

    @Test func keysWrittenWithEscapesAreStillRecognised() throws {
        var record = sampleRecord()
        record.sequence = 5
        let text = String(decoding: record.encodedLine(), as: UTF8.self)
            .replacingOccurrences(of: #""seq":"#, with: #""s\u0065q":"#)
            .replacingOccurrences(of: #""method":"#, with: #""meth\u006fd":"#)
        let decoded = try CaptureRecord.decode(line: Array(text.utf8))
        #expect(decoded.sequence == 5)
        #expect(decoded.method == record.method)
    }

    @Test func theEventsSummaryNamesEachEventOfTheBody() {
        func names(_ body: String) -> [String] {
            let record = CaptureRecord(direction: .received, method: "POST", path: "/events", requestBody: Array(body.utf8))
            #expect(record.quickEventNames == record.eventNames, "\(body)")
            return record.quickEventNames
        }
        #expect(names(#"{"event_name":"purchase","value":1}"#) == ["purchase"])
        #expect(names(#" {"event":"search","properties":{"event_name":"inner"}}"#) == ["search"])
        #expect(names(#"{"event\u005fname":"escaped-key"}"#) == ["escaped-key"])
        #expect(names(#"{"batch":[{"event_name":"a"},{"x":1},{"event":"b"}]}"#) == ["a", "b"])
        #expect(names(#"[{"event_name":"a"},{"event_name":"c"}]"#) == ["a", "c"])
        #expect(names(#"{"event_name":"cut"#).isEmpty)
        #expect(names("not json").isEmpty)
    }

    @Test func aSummaryReadFromTheLineIsTheRecordsSummary() throws {
        var sent = sampleRecord(event: "add_to_cart")
        sent.direction = .sent
        sent.response = nil
        sent.findings = []
        sent.dialect = nil
        let batch = sampleRecord(body: Array(#"{"batch":[{"event_name":"a"},{"event":"b"}]}"#.utf8))
        let binary = sampleRecord(body: [0xFF, 0xFE, 0x00, 0x7B])
        var withErrors = sampleRecord()
        withErrors.findings.append(.init(severity: .error, code: "invalid-json", path: "$", message: "broken \"here\""))
        for (index, original) in [sampleRecord(), sent, batch, binary, withErrors].enumerated() {
            var record = original
            record.sequence = UInt64(index + 7)
            let line = record.encodedLine()
            let summary = try CaptureRecordSummary.decode(line: line)
            let decoded = try CaptureRecord.decode(line: line)
            #expect(summary == CaptureRecordSummary(decoded), "record \(index)")
        }
        let errors = try CaptureRecordSummary.decode(line: withErrors.encodedLine())
        #expect(errors.worstSeverity == .error && errors.findings.map(\.code) == ["missing-field", "invalid-json"])
        #expect(try CaptureRecordSummary.decode(line: batch.encodedLine()).eventNames == ["a", "b"])
        #expect(try CaptureRecordSummary.decode(line: sent.encodedLine()).status == nil)
    }

    @Test func aLineWrittenBeforeTheEventsSummaryHasItsNamesReadFromTheBody() throws {
        let line = String(decoding: sampleRecord(event: "purchase").encodedLine(), as: UTF8.self)
        let older = line.replacingOccurrences(of: #""events":["purchase"],"#, with: "")
        #expect(older != line)
        #expect(try CaptureRecordSummary.decode(line: Array(older.utf8)).eventNames == ["purchase"])
    }

    @Test(arguments: [#"{"method":"POST"}"#, #"{"seq":1,"response":{"status":"x"}}"#, #"{"seq":1}x"#, "not a record"])
    func aSummaryOfABrokenLineIsAnError(line: String) {
        #expect(throws: CaptureDecodeError.self) { try CaptureRecordSummary.decode(line: Array(line.utf8)) }
    }

    /// A raw control character inside a string is refused at its own offset: in a key, in a value
    /// without escapes, and in a value after an escape.
    @Test(arguments: [
        (#"{"se"# + "\u{01}" + #"q":1}"#, 4),
        (#"{"seq":1,"method":"PO"# + "\u{09}" + #"ST"}"#, 21),
        (#"{"seq":1,"method":"P\"O"# + "\u{0A}" + #"ST"}"#, 23),
    ])
    func aControlCharacterInAStringIsRefusedWhereItIs(line: String, offset: Int) {
        #expect(throws: CaptureDecodeError("control character in string", offset: offset)) {
            try CaptureRecord.decode(line: Array(line.utf8))
        }
    }

    /// A summary known ahead (read from the parsed body) gives the line the scan of the bytes
    /// gives; it is no part of the record's value, and a new body forgets it.
    @Test func aKnownBodySummaryEncodesTheLineTheScanWould() throws {
        let bodies = [
            #"{"event":"search","properties":{"user":{"id":"12345","consent_categories":[1,3]}},"eventId":"1"}"#,
            #"{"event_name":"purchase","user":{"id":42},"user":{"id":"43"}}"#,
            #"[{"event_name":"a","user":{"id":"1"}},{"event_name":"b","user":[{"id":"2"}]}]"#,
            #"{"batch":[{"event_name":"x Y"}],"properties":5}"#, "7", #""text""#, "{}",
        ].map { Array($0.utf8) } + [try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/legacy-brief-corrected.json")).map { $0 }]
        for body in bodies {
            let plain = CaptureRecord(sequence: 3, time: Date(timeIntervalSince1970: 1_764_000_000), direction: .received,
                                      method: "POST", path: "/v2/1/events", requestBody: body)
            var known = plain
            known.knownBodySummary = EventBodySummary.quickScan(document: try JSONParser.parseValue(body))
            #expect(known.knownBodySummary != nil)
            #expect(known.encodedLine() == plain.encodedLine(), "\(String(decoding: body, as: UTF8.self))")
            #expect(known == plain)
            #expect(known.hashValue == plain.hashValue)
            var changed = known
            changed.requestBody = Array("{}".utf8)
            #expect(changed.knownBodySummary == nil)
        }
    }
}
