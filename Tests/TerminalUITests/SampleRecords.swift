import CaptureLog
import Foundation
import TerminalUI
import TrackingModel

/// Records a person would see in the stream, with fixed times (UTC) for exact screen lines.
enum SampleRecords {
    static let utc = TimeZone(identifier: "UTC")!

    /// 2026-11-26 18:09:26.123 UTC plus `seconds`.
    static func time(_ seconds: Double = 0) -> Date {
        Date(timeIntervalSince1970: 1_795_716_566.123 + seconds)
    }

    static let purchaseBody = """
    {"event_name":"purchase","context":{"event_id":"e-1","event_timestamp":1796320166123},"value":16.00,"consent_categories":[],"user":{"id":"u-9"}}
    """

    static let purchase = CaptureRecord(
        sequence: 1, time: time(0), direction: .received, method: "POST", path: "/events", query: "tc_s=1234",
        siteId: "1234",
        requestHeaders: [
            .init(name: "Content-Type", value: "application/json"),
            .init(name: "Authorization", value: "Bearer fp:3f9a2c"),
        ],
        requestBody: Array(purchaseBody.utf8),
        response: .init(status: 200, body: Array("{}".utf8), latencyMilliseconds: 1.25),
        dialect: .v2,
        findings: [
            Finding(severity: .error, code: "missing-required-field", path: "$.currency",
                    message: "purchase needs a currency", hint: "add \"currency\": \"EUR\""),
            Finding(severity: .warning, code: "empty-consent", path: "$.consent_categories",
                    message: "consent_categories is empty"),
        ]
    )

    static let batch = CaptureRecord(
        sequence: 2, time: time(1.5), direction: .received, method: "POST", path: "/events/batch", query: "tc_s=1234",
        siteId: "1234",
        requestBody: Array(#"{"batch":[{"event_name":"add_to_cart","context":{}},{"event_name":"purchase","context":{}}]}"#.utf8),
        response: .init(status: 200), dialect: .v2
    )

    static let legacySent = CaptureRecord(
        sequence: 3, time: time(62.004), direction: .sent, method: "POST", path: "/v2/1234/events",
        requestBody: Array(#"{"event":"page_view","eventId":"x","properties":{}}"#.utf8),
        response: .init(status: 200, latencyMilliseconds: 48), dialect: .legacy, targetURL: "https://api.commander1.com/v2/1234/events"
    )

    /// Not JSON, with an escape sequence, a bell and a C1 control in it.
    static let hostileBody: [UInt8] = Array("{\"event_name\": \"x\u{1B}[2J\u{1B}]0;pwned\u{07}\"\r\n\u{9B}31m".utf8)

    static let hostile = CaptureRecord(
        sequence: 4, time: time(3600), direction: .received, method: "POST", path: "/events\u{1B}[31m", query: "",
        requestHeaders: [.init(name: "User-Agent", value: "curl\u{1B}[5m")],
        requestBody: hostileBody,
        response: .init(status: 400, latencyMilliseconds: 12.4), dialect: nil,
        findings: [Finding(severity: .error, code: "invalid-json", path: "$", message: "expected ',' or '}'", line: 1, column: 18)]
    )

    static let all = [purchase, batch, legacySent, hostile]

    /// `count` simple records numbered from 1, one a second.
    static func numbered(_ count: Int) -> [CaptureRecord] {
        (0..<count).map { index in
            let body = "{\"event_name\":\"event_\(index + 1)\",\"context\":{}}"
            let direction: CaptureRecord.Direction = index % 3 == 2 ? .sent : .received
            return CaptureRecord(sequence: UInt64(index + 1), time: time(Double(index)), direction: direction,
                                 method: "POST", path: "/events", query: "tc_s=1",
                                 requestBody: Array(body.utf8), response: .init(status: 200), dialect: .v2)
        }
    }
}

/// Drives the reducer as the application loop does, loading rows and details from an array.
struct Harness {
    var records: [CaptureRecord]
    var state: AppState

    init(records: [CaptureRecord], width: Int = 80, height: Int = 24, path: String = "/tmp/capture.jsonl") {
        self.records = records
        state = AppState(logPath: path, width: width, height: height, timeZone: SampleRecords.utc)
        send(.source(.available(count: records.count)))
    }

    /// Applies `action`, then loads whatever the state asks for (like AppRunner does).
    mutating func send(_ action: AppAction) {
        state = AppReducer.reduce(state, action)
        settle()
    }

    mutating func press(_ keys: Key...) {
        for key in keys { send(.key(key)) }
    }

    mutating func append(_ newRecords: [CaptureRecord]) {
        records += newRecords
        send(.source(.available(count: records.count)))
    }

    mutating func settle() {
        for _ in 0..<100 where !state.isSettled {
            let missing = state.missingRowIndexes
            if !missing.isEmpty {
                state = AppReducer.reduce(state, .rowsLoaded(missing.map { RecordSummary(index: $0, record: records[$0]) }))
            }
            if let index = state.pendingDetailIndex {
                state = AppReducer.reduce(state, .detailLoaded(index: index, record: records[index]))
            }
            if let range = state.pendingTally {
                var counts = LogTally.Counts()
                for index in range { counts.add(CaptureRecordSummary(records[index])) }
                state = AppReducer.reduce(state, .tallied(counts, range: range))
            }
            if let index = state.diff?.pendingIndex {
                state = AppReducer.reduce(state, .diffLoaded(index: index, record: records[index]))
            }
            if let range = state.pendingFilterScan() {
                let matches = range.filter { records[$0].matches(state.filter.query) }
                state = AppReducer.reduce(state, .filterScanned(generation: state.filter.generation, range: range, matches: matches))
            }
        }
    }

    var screen: ScreenBuffer { AppView.render(state) }
    var lines: [String] { screen.lines }
}
