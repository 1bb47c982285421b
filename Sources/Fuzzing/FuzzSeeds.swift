import CaptureLog
import Foundation
import TrackingModel

/// Seed inputs: what each reader is given when all goes well, for mutations to start from.
enum FuzzSeeds {
    /// Valid events of every standard event in every dialect (the spec catalogue's examples), a
    /// batch, an array, JSON Lines, and the vendor's own invalid legacy example.
    static let payloads: [[UInt8]] = {
        var payloads: [[UInt8]] = []
        for spec in SpecCatalogue.standardEvents.prefix(12) {
            for dialect in [Dialect.legacy, .v1, .v2] {
                if let example = SpecCatalogue.example(for: spec.name, dialect: dialect) {
                    payloads.append(Array(JSONPrinter.compact(example.value).utf8))
                }
            }
        }
        let events = payloads.prefix(3).map { String(decoding: $0, as: UTF8.self) }
        payloads.append(Array(#"{"batch":[\#(events.joined(separator: ","))]}"#.utf8))
        payloads.append(Array("[\(events.joined(separator: ","))]".utf8))
        payloads.append(Array(events.joined(separator: "\n").utf8))
        payloads.append(Array(#"{"event":"purchase","eventId":"1" "properties":{"value":1.50,"user":{"id":"42"}}}"#.utf8))
        payloads.append(Array(#"{"a":[1,-0.5e+3,true,false,null,"\u00e9\ud83d\ude00\n"],"a":{}}"#.utf8))
        return payloads
    }()

    /// Bodies whose user ids sit in every place the normalised view and the filter language
    /// read them (and some they do not agree on), for the body summary.
    static let userBodies: [[UInt8]] = [
        #"{"event_name":"a","user":{"id":"42"}}"#,
        #"{"event_name":"a","user":{"id":42.0},"context":{}}"#,
        #"{"event":"a","eventId":"1","properties":{"user":{"id":-7e2}}}"#,
        #"{"event_name":"a","event_id":"1","properties":{"user":{"id":"5"}},"user":{"id":"6"}}"#,
        #"{"event_name":"a","event_id":"1","user":{"id":"6"}}"#,
        #"{"properties":{"user":{"id":"5"}},"user":"x"}"#,
        #"{"event_name":"a","user":[{"id":"1"},{"id":["2",true]}]}"#,
        #"{"event_name":"a","user":{"id":null},"user":{"id":{}}}"#,
        #"{"batch":[{"event_name":"a","user":{"id":"1"}},{"event_name":"b","user":{"id":"1"}},[{"user":{"id":"3"}}]]}"#,
        "{\"event_name\":\"a\",\"user\":{\"id\":\"1\"}}\n{\"event\":\"b\",\"properties\":{\"user\":{\"id\":2}}}\n",
        #"{"event_name":"a","device":{"userAgent":"x","cookies":""},"properties":{"user":{"id":"9"}},"user":{}}"#,
    ].map { Array($0.utf8) }

    /// Records of every kind the log holds, for their lines.
    static let records: [CaptureRecord] = {
        let time = Date(timeIntervalSince1970: 1_764_180_000)
        let headers = [CaptureRecord.HeaderField(name: "Content-Type", value: "application/json"),
                       CaptureRecord.HeaderField(name: "Authorization", value: "Bearer sha256:0123abcd")]
        let event = payloads[0]
        let findings = PayloadInspector.inspect(bytes: event, form: .automatic).allFindings
        return [
            CaptureRecord(sequence: 1, time: time, direction: .received, method: "POST",
                          path: "/events", query: "tc_s=1&token=sha256:0123abcd", siteId: "1", requestHeaders: headers,
                          requestBody: event, response: .init(status: 200, body: Array(#"{"ok":true}"#.utf8), latencyMilliseconds: 0.4),
                          dialect: .v2, findings: findings),
            CaptureRecord(sequence: 2, time: time, direction: .received, method: "POST", path: "/events/batch", query: "tc_s=1",
                          requestBody: payloads[payloads.count - 5], response: .init(status: 200)),
            CaptureRecord(sequence: 3, time: time, direction: .received, method: "POST", path: "/v2/7/events",
                          requestBody: [0xFF, 0x00, 0x7B, 0x0A], response: .init(status: 400)),
            CaptureRecord(sequence: 4, time: time, direction: .sent, method: "POST", path: "/events", query: "tc_s=2",
                          requestBody: Array(#"{"event_name":"x\u2028y"}"#.utf8), response: .init(status: 503),
                          targetURL: "https://collect.commander1.com/events?tc_s=2", sourceSequence: 1),
        ]
    }()

    /// Capture log lines, as the writer writes them.
    static let logLines: [[UInt8]] = records.map { $0.encodedLine() }

    /// Plain events as JSON Lines, as `log export --format events` writes them.
    static let eventLines: [[UInt8]] = [Array(payloads.prefix(6).map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n").utf8)]

    /// curl commands, as `log export --format curl` writes them and as people write them.
    static let curlCommands: [[UInt8]] = records.map { Array(CaptureExport.curl($0).utf8) } + [
        Array(#"curl -X POST "http://localhost:8080/events?tc_s=1" -H 'Content-Type: application/json' --data-raw '{"event_name":"a"}'"#.utf8),
        Array("curl -d @- http://localhost:8080/v2/1/events <<'EOF'\n{\"event\":\"x\"}\nEOF\n".utf8),
    ]

    /// A HAR file of the records.
    static let harFiles: [[UInt8]] = [Array(JSONPrinter.compact(CaptureExport.har(records)).utf8)]

    /// Filter queries of every kind of term.
    static let filterQueries: [[UInt8]] = [
        "event:purchase user.id:42", "status:400 sev:error", "NOT dir:sent OR (value>10 AND currency:EUR)",
        "path:/v2/* site:12 \"two words\"", "properties.items[0].product.price>=9.99", "-method:GET free text",
        "seq<10 time>2026-11-26T09:00:00Z", "findings.code:missing-* dialect:legacy",
    ].map { Array($0.utf8) }

    /// Settings files: every setting, keys from variables and in clear, inline tables and headers.
    static let settingsFiles: [[UInt8]] = [
        """
        host = "127.0.0.1"
        port = 8080
        theme = "light"
        log = "~/captures/capture.jsonl"

        [sources]
        "1234" = { key_env = "TRACKSCOPE_KEY_1234" }
        "*" = { key = "fuzz-secret-key" }

        [forward]
        target = "https://collect.example"
        key_env = "UPSTREAM_KEY"
        """,
        "[sources.\"42\"]\nkey_env = \"K\"\n[forward]\ntarget = 'http://127.0.0.1:9'\n",
        "port = 0\n# comment\n",
    ].map { Array($0.utf8) }
}
