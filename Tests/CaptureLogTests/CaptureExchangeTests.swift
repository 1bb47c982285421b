import Foundation
import Testing
import TrackingModel
@testable import CaptureLog

@Suite struct CaptureExchangeTests {
    private func stored(_ record: CaptureRecord, sequence: UInt64 = 1) -> CaptureRecord {
        var record = SecretFingerprint.record(record)
        record.sequence = sequence
        return record
    }

    @Test func harExportIsHAR12AndImportsBackToTheSameEvents() throws {
        let batch = #"{"batch":[{"event_name":"page_view"},{"event_name":"purchase"}]}"#
        var batchRecord = sampleRecord(body: Array(batch.utf8))
        batchRecord.path = "/events/batch"
        let binary = sampleRecord(body: [0xFF, 0x00, 0x7B])
        let records = [stored(sampleRecord()), stored(batchRecord, sequence: 2), stored(binary, sequence: 3)]
        let har = CaptureExport.har(records)
        let text = JSONPrinter.pretty(har)
        #expect(!text.contains(sampleKey))

        // Structure a HAR 1.2 reader relies on.
        let log = try #require(try JSONParser.parseValue(text)["log"])
        #expect(log["version"] == "1.2")
        #expect(log["creator"]?["name"] == "trackscope")
        let entries = try #require(log["entries"]?.arrayValue)
        #expect(entries.count == 3)
        for entry in entries {
            #expect(entry["startedDateTime"]?.stringValue.flatMap(ISOTime.milliseconds(parsing:)) != nil)
            #expect(entry["time"]?.numberValue != nil)
            for key in ["method", "url", "httpVersion", "headers", "queryString", "cookies", "headersSize", "bodySize"] {
                #expect(entry["request"]?[key] != nil, "request.\(key)")
            }
            for key in ["status", "statusText", "httpVersion", "headers", "cookies", "content", "redirectURL", "headersSize", "bodySize"] {
                #expect(entry["response"]?[key] != nil, "response.\(key)")
            }
            #expect(entry["cache"]?.objectValue != nil)
            #expect(entry["timings"]?["wait"] != nil && entry["timings"]?["send"] != nil && entry["timings"]?["receive"] != nil)
            #expect(entry["request"]?["postData"]?["mimeType"] != nil)
        }

        let imported = try CaptureImport.har(Array(text.utf8))
        #expect(imported.records.count == 3)
        #expect(imported.records.flatMap(\.events) == records.flatMap(\.events))
        #expect(imported.records.map(\.requestBody) == records.map(\.requestBody))
        #expect(imported.records.map(\.path) == ["/events", "/events/batch", "/events"])
        #expect(imported.records[0].dialect == .v2)
    }

    @Test func importedSiteIdsArePercentDecodedAsTheCollectorDecodesThem() {
        #expect(CaptureImport.siteId(path: "/events", query: "tc_s=12%33&token=k") == "123")
        #expect(CaptureImport.siteId(path: "/engage/user/", query: "site=my+site&user_id=1") == "my site")
        #expect(CaptureImport.siteId(path: "/v2/12%33/events", query: "") == "123")
        #expect(CaptureImport.siteId(path: "/v2/bad%zz/events", query: "") == "bad%zz")
        #expect(CaptureImport.siteId(path: "/events", query: "token=k") == nil)
        // The collector reads tc_s on event paths and never site=; the import reads what it reads.
        #expect(CaptureImport.siteId(path: "/events", query: "site=9&token=k") == nil)
    }

    @Test func harExportDecodesQueryStringsAsTheCollectorDoes() throws {
        var record = sampleRecord()
        record.query = "tc_s=my+site&note=a%2Bb&empty"
        let har = CaptureExport.har([stored(record)])
        let pairs = try #require(har["log"]?["entries"]?[0]?["request"]?["queryString"]?.arrayValue)
        #expect(pairs.map { $0["name"]?.stringValue ?? "?" } == ["tc_s", "note", "empty"])
        #expect(pairs.map { $0["value"]?.stringValue ?? "?" } == ["my site", "a+b", ""])
    }

    @Test func harImportTakesOnlyExactTrackingPaths() throws {
        let entry = { (url: String) in
            #"{"startedDateTime":"2026-11-26T09:00:00.000Z","time":1,"request":{"method":"POST","url":"\#(url)","headers":[],"postData":{"mimeType":"application/json","text":"{\"event_name\":\"a\"}"}},"response":{"status":200,"headers":[],"content":{"text":""}}}"#
        }
        let har = #"{"log":{"entries":["# + entry("https://example.com/proxy/events?tc_s=1") + "," + entry("https://collect.commander1.com/events?tc_s=1") + "]}}"
        let result = try CaptureImport.har(Array(har.utf8))
        #expect(result.records.map(\.path) == ["/events"])
        #expect(result.records.map(\.siteId) == ["1"])
        #expect(result.skipped.count == 1)
    }

    @Test func harImportKeepsOnlyTrackingEndpoints() throws {
        let har = #"""
        {"log":{"version":"1.2","creator":{"name":"Firefox","version":"1"},"entries":[
          {"startedDateTime":"2026-11-26T10:00:00.000+01:00","time":12,"request":{"method":"GET","url":"https://shop.example/app.js","headers":[]},"response":{"status":200,"headers":[],"content":{"size":0,"mimeType":"text/javascript"}}},
          {"startedDateTime":"2026-11-26T10:00:01.000+01:00","time":30,"request":{"method":"POST","url":"https://collect.commander1.com/events?tc_s=29&token=abc","headers":[{"name":":authority","value":"collect.commander1.com"},{"name":"content-type","value":"application/json"}],"postData":{"mimeType":"application/json","text":"{\"event_name\":\"search\",\"search_term\":\"shoes\"}"}},"response":{"status":200,"headers":[],"content":{"size":0,"mimeType":"application/json","text":""}}},
          {"startedDateTime":"2026-11-26T10:00:02.000Z","time":5,"request":{"method":"POST","url":"https://api.commander1.com/v2/29/events","headers":[],"postData":{"mimeType":"application/json","text":"{\"event\":\"page_view\"}"}},"response":{"status":204,"headers":[],"content":{"size":0,"mimeType":"x"}}}
        ]}}
        """#
        let result = try CaptureImport.har(Array(har.utf8))
        #expect(result.records.map(\.path) == ["/events", "/v2/29/events"])
        #expect(result.records.map(\.siteId) == ["29", "29"])
        #expect(result.skipped.count == 1)
        #expect(result.records[0].requestHeaders.map(\.name) == ["content-type"])
        #expect(ISOTime.milliseconds(result.records[0].time) == ISOTime.milliseconds(parsing: "2026-11-26T09:00:01.000Z"))
        #expect(result.records[1].response?.status == 204)
        #expect(throws: CaptureLogError.self) { try CaptureImport.har(Array("{\"log\":{}}".utf8)) }
        #expect(throws: CaptureLogError.self) { try CaptureImport.har(Array("{oops".utf8)) }
    }

    @Test func curlExportHidesTheKeyAndImportsBack() throws {
        var withQuote = sampleRecord(body: Array(#"{"event_name":"search","search_term":"it's \"here\" $HOME `x`"}"#.utf8))
        withQuote.requestHeaders.append(.init(name: "X-Note", value: "a 'b' c"))
        let record = stored(withQuote)
        let command = CaptureExport.curl(record, baseURL: "http://localhost:8080")
        #expect(!command.contains(sampleKey))
        #expect(command.contains("${TRACKSCOPE_SOURCE_KEY}"))
        #expect(command.contains("\"Authorization: Bearer ${TRACKSCOPE_SOURCE_KEY}\""))

        let imported = try CaptureImport.curl(command + "\n" + command, environment: ["TRACKSCOPE_SOURCE_KEY": "k123"])
        #expect(imported.records.count == 2)
        let back = imported.records[0]
        #expect(back.method == "POST")
        #expect(back.path == "/events")
        #expect(back.query == "tc_s=29&token=k123")
        #expect(back.requestBody == record.requestBody)
        #expect(back.requestHeaders.contains(.init(name: "X-Note", value: "a 'b' c")))
        #expect(back.requestHeaders.contains(.init(name: "Authorization", value: "Bearer k123")))
        #expect(back.siteId == "29")
    }

    @Test func oneEventOfABatchIsExportedAsABatchOfOne() throws {
        let event = #"{"event_name":"purchase","value":1}"#
        var member = sampleRecord(body: Array(event.utf8))
        member.path = "/events/batch"
        member.findings.append(.init(severity: .info, code: CaptureRecord.batchMemberCode, path: "$",
                                     message: "Event 2 of 3 of one batch request"))
        let wrapped = #"{"batch":[{"event_name":"purchase","value":1}]}"#
        #expect(member.requestBodyToResend == Array(wrapped.utf8))

        let command = CaptureExport.curl(stored(member))
        #expect(command.contains("--data-raw '\(wrapped)'"))
        let back = try CaptureImport.curl(command)
        #expect(back.records.first?.requestBody == Array(wrapped.utf8))
        #expect(PayloadInspector.inspect(bytes: Array(wrapped.utf8), form: .batch).events.count == 1)

        let har = CaptureExport.har([stored(member)])
        let postData = har["log"]?["entries"]?[0]?["request"]?["postData"]
        #expect(postData?["text"]?.stringValue == wrapped)
        #expect(har["log"]?["entries"]?[0]?["request"]?["bodySize"] == .number(JSONNumber(wrapped.utf8.count)))

        // A whole request (no batch-member finding) is sent again as it came.
        var whole = sampleRecord(body: Array(#"{"batch":[{"event_name":"a"}]}"#.utf8))
        whole.path = "/events/batch"
        #expect(whole.requestBodyToResend == whole.requestBody)
        #expect(sampleRecord().requestBodyToResend == sampleRecord().requestBody)
    }

    @Test func curlExportOfBinaryBodyRoundTrips() throws {
        let body: [UInt8] = [0xFF, 0x00, 0x27, 0x5C, 0x0A]
        let command = CaptureExport.curl(stored(sampleRecord(body: body)))
        let back = try CaptureImport.curl(command)
        #expect(back.records.first?.requestBody == body)
    }

    /// A body with an escape sequence is exported through printf, so that printing the command
    /// never sends the sequence to the terminal, and it still imports back byte for byte.
    @Test func curlExportKeepsEscapeSequencesOffTheTerminal() throws {
        let body = Array("{\"event_name\":\"a\u{1B}[2J\u{9B}b\"}".utf8)
        let command = CaptureExport.curl(stored(sampleRecord(body: body)))
        #expect(!command.unicodeScalars.contains(where: TerminalSafeText.isControl), "\(command)")
        #expect(command.hasPrefix("printf '"))
        #expect(try CaptureImport.curl(command).records.first?.requestBody == body)
    }

    @Test func curlImportReadsHandWrittenCommands() throws {
        let text = #"""
        # from the vendor docs
        curl -X POST "https://collect.commander1.com/events?tc_s=29&token=abc" \
          -H 'Content-Type: application/json' \
          --data-raw '{"event_name":"page_view","page_type":"home"}'
        curl --header "Content-Type: application/json" -d '{"event_name":"login"}' https://x.example/events/batch?tc_s=1
        curl -XPUT 'https://api.commander1.com/engage/user/?site=5&user_id=1' --data-binary @- <<'EOF'
        {"person":{"id":"1"}}
        EOF
        """#
        let result = try CaptureImport.curl(text)
        #expect(result.records.count == 3)
        #expect(result.records[0].requestBody == Array(#"{"event_name":"page_view","page_type":"home"}"#.utf8))
        #expect(result.records[0].dialect == .v2 || result.records[0].dialect == .unknown || result.records[0].dialect == .v1)
        #expect(result.records[1].method == "POST")
        #expect(result.records[1].path == "/events/batch")
        #expect(result.records[2].method == "PUT")
        #expect(result.records[2].requestBody == Array(#"{"person":{"id":"1"}}"#.utf8))
        #expect(result.records[2].siteId == "5")
    }

    @Test func eventsExportAndImportRoundTrip() throws {
        let batch = #"{"batch":[{"event_name":"a"},{"event_name":"b"}]}"#
        let records = [stored(sampleRecord()), stored(sampleRecord(body: Array(batch.utf8)), sequence: 2)]
        let lines = records.flatMap { CaptureExport.eventLines($0) }
        #expect(lines.split(separator: 0x0A).count == 3)
        let imported = CaptureImport.events(lines + Array("\n\nnot json\n".utf8))
        #expect(imported.records.count == 4)
        #expect(imported.records.prefix(3).flatMap(\.events) == records.flatMap(\.events))
        #expect(imported.records[3].findings.contains { $0.severity == .error })
    }

    @Test func recognisesTrackingEndpoints() {
        for path in ["/events", "/events/batch", "/v2/29/events", "/engage/user/", "/v2/29/products/bulk", "/v2/1/conversions/bulk"] {
            #expect(CaptureImport.isTrackingEndpoint(path), "\(path)")
        }
        for path in ["/", "/app.js", "/eventsx", "/v2/29/other", "/proxy/events", "/x/engage/user"] {
            #expect(!CaptureImport.isTrackingEndpoint(path), "\(path)")
        }
    }

}
