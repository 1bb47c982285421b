import Foundation
import TrackingModel

/// Reads exchanges saved by other tools into capture records: HAR files (a browser's developer
/// tools "Save all as HAR"), plain events as JSON Lines, and curl command lines. Imported records
/// get their dialect and findings from `PayloadInspector`; keys are fingerprinted when appended.
public enum CaptureImport {
    /// What an import produced, and what it left out.
    public struct Result: Sendable {
        public var records: [CaptureRecord]
        /// Entries skipped (not a tracking endpoint, or unreadable), with why.
        public var skipped: [String]
    }

    /// Whether `path` is an endpoint of the tracking API, matched exactly as the collector matches
    /// it (`CollectorEndpoint`).
    public static func isTrackingEndpoint(_ path: String) -> Bool {
        CollectorEndpoint.match(path: path).isTrackingEndpoint
    }

    /// The site id of a request, read where the collector reads it for that endpoint.
    static func siteId(path: String, query: String) -> String? {
        CollectorEndpoint.match(path: path).siteId(query: QueryParameters(query))
    }

    /// Fills dialect and findings from the body, as the collector would.
    public static func analyzed(_ record: CaptureRecord) -> CaptureRecord {
        var record = record
        let endpoint = CollectorEndpoint.match(path: record.path)
        guard !record.requestBody.isEmpty, endpoint.isEventEndpoint else { return record }
        let form: PayloadForm = endpoint == .batch ? .batch : .automatic
        let report = PayloadInspector.inspect(bytes: record.requestBody, form: form)
        record.dialect = report.events.first?.dialect ?? .unknown
        record.findings = report.allFindings
        return record
    }

    static func splitURL(_ url: String) -> (path: String, query: String)? {
        guard let components = URLComponents(string: url) else { return nil }
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        return (path, components.percentEncodedQuery ?? "")
    }

    // MARK: HAR

    /// The entries of a HAR file sent to a tracking endpoint, as records.
    public static func har(_ bytes: [UInt8]) throws -> Result {
        let document: JSONValue
        do {
            document = try JSONParser.parseValue(bytes)
        } catch {
            throw CaptureLogError.notACaptureLog("not a HAR file: \(error.message) at line \(error.position.line), column \(error.position.column)")
        }
        guard case .array(let entries)? = document["log"]?["entries"] else {
            throw CaptureLogError.notACaptureLog("not a HAR file: no log.entries")
        }
        var result = Result(records: [], skipped: [])
        for (index, entry) in entries.enumerated() {
            guard let request = entry["request"], let method = request["method"]?.stringValue,
                  let url = request["url"]?.stringValue, let (path, query) = splitURL(url) else {
                result.skipped.append("entry \(index): no request method and URL")
                continue
            }
            guard isTrackingEndpoint(path) else {
                result.skipped.append("entry \(index): \(method) \(path) is not a tracking endpoint")
                continue
            }
            let extra = entry["_trackscope"]
            var body: [UInt8] = []
            if let encoded = request["postData"]?["_base64"]?.stringValue, let data = Data(base64Encoded: encoded) {
                body = [UInt8](data)
            } else if let text = request["postData"]?["text"]?.stringValue {
                body = Array(text.utf8)
            }
            var response: CaptureRecord.Response?
            if let answer = entry["response"], let status = answer["status"]?.numberValue?.int64Value, status > 0 {
                var answerBody: [UInt8] = []
                if let text = answer["content"]?["text"]?.stringValue {
                    if answer["content"]?["encoding"]?.stringValue == "base64", let data = Data(base64Encoded: text) {
                        answerBody = [UInt8](data)
                    } else {
                        answerBody = Array(text.utf8)
                    }
                }
                response = CaptureRecord.Response(
                    status: Int(status), headers: harHeaders(answer["headers"]), body: answerBody,
                    latencyMilliseconds: entry["time"]?.numberValue?.doubleValue ?? 0)
            }
            let time = entry["startedDateTime"]?.stringValue.flatMap(ISOTime.milliseconds(parsing:)).map(ISOTime.date(milliseconds:)) ?? Date()
            let direction = extra?["direction"]?.stringValue.flatMap(CaptureRecord.Direction.init(rawValue:)) ?? .received
            let record = CaptureRecord(
                time: time, direction: direction, method: method, path: path, query: query,
                siteId: extra?["site"]?.stringValue ?? siteId(path: path, query: query),
                requestHeaders: harHeaders(request["headers"]), requestBody: body, response: response,
                targetURL: direction == .sent ? url : nil,
                sourceSequence: extra?["source_seq"]?.numberValue?.int64Value.map { UInt64(clamping: $0) })
            result.records.append(analyzed(record))
        }
        return result
    }

    private static func harHeaders(_ value: JSONValue?) -> [CaptureRecord.HeaderField] {
        guard case .array(let fields)? = value else { return [] }
        return fields.compactMap { field in
            guard let name = field["name"]?.stringValue, let value = field["value"]?.stringValue else { return nil }
            // HTTP/2 pseudo-headers (:authority, :path) are not request headers.
            if name.hasPrefix(":") { return nil }
            return CaptureRecord.HeaderField(name: name, value: value)
        }
    }

    // MARK: Events

    /// One record per line of a JSON Lines file of events, as a POST to `path` (default `/events`).
    /// Blank lines are skipped; a line that is not JSON is still imported (its findings say why).
    public static func events(_ bytes: [UInt8], path: String = "/events", query: String = "", time: Date = Date()) -> Result {
        var result = Result(records: [], skipped: [])
        let siteId = siteId(path: path, query: query)
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if let record = eventRecord(line: line, path: path, query: query, siteId: siteId, time: time) {
                result.records.append(record)
            }
        }
        return result
    }

    /// The analysed record of one line of a JSON Lines file of events (its newline left out), as
    /// a POST to `path`; nil for a blank line. `siteId` is `siteId(path:query:)`, read once.
    static func eventRecord(line: ArraySlice<UInt8>, path: String, query: String, siteId: String?, time: Date) -> CaptureRecord? {
        var body = Array(line)
        if body.last == 0x0D { body.removeLast() }
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
        let record = CaptureRecord(
            time: time, direction: .received, method: "POST", path: path, query: query, siteId: siteId,
            requestHeaders: [.init(name: "Content-Type", value: "application/json")],
            requestBody: body)
        return analyzed(record)
    }

    // MARK: curl

    /// Records from curl command lines (one command per line, `\` continuations and here-documents
    /// allowed; `-X`, `-H`/`--header`, `-d`/`--data`/`--data-raw`/`--data-binary`, quoting with `'`
    /// and `"`). `$TRACKSCOPE_SOURCE_KEY` (or any variable) in a command is resolved from
    /// `environment` when set there, and kept as the placeholder otherwise.
    public static func curl(_ text: String, environment: [String: String] = [:]) throws -> Result {
        var result = Result(records: [], skipped: [])
        for (index, command) in CurlCommandParser.commands(in: text, environment: environment).enumerated() {
            guard let url = command.url, let (path, query) = splitURL(url) else {
                result.skipped.append("command \(index + 1): no URL")
                continue
            }
            let method = command.method ?? (command.body == nil ? "GET" : "POST")
            let record = CaptureRecord(
                direction: .received, method: method, path: path, query: query,
                siteId: siteId(path: path, query: query),
                requestHeaders: command.headers, requestBody: command.body ?? [])
            result.records.append(analyzed(record))
        }
        return result
    }
}
