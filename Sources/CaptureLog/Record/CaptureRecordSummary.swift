import Foundation
import TrackingModel

/// What counting a record needs, decoded from its log line without its headers, bodies or finding
/// messages: for going through a whole log fast (`log stats`, the collector's rebuild at start).
public struct CaptureRecordSummary: Sendable, Hashable {
    /// A finding as counted: its severity and code.
    public struct FindingKind: Sendable, Hashable {
        public var severity: Finding.Severity
        public var code: String

        public init(severity: Finding.Severity, code: String) {
            self.severity = severity
            self.code = code
        }
    }

    public var sequence: UInt64
    public var time: Date
    public var direction: CaptureRecord.Direction
    public var method: String
    public var path: String
    public var dialect: Dialect?
    /// The answer's status; nil when there was no answer.
    public var status: Int?
    public var findings: [FindingKind]
    /// The event names of the body (the line's `events` summary).
    public var eventNames: [String]

    public init(sequence: UInt64, time: Date, direction: CaptureRecord.Direction, method: String, path: String,
                dialect: Dialect?, status: Int?, findings: [FindingKind], eventNames: [String]) {
        self.sequence = sequence
        self.time = time
        self.direction = direction
        self.method = method
        self.path = path
        self.dialect = dialect
        self.status = status
        self.findings = findings
        self.eventNames = eventNames
    }

    /// The summary of a record in memory; `eventNames` as given (they are the body's).
    public init(_ record: CaptureRecord, eventNames: [String]) {
        sequence = record.sequence
        time = record.time
        direction = record.direction
        method = record.method
        path = record.path
        dialect = record.dialect
        status = record.response?.status
        findings = record.findings.map { FindingKind(severity: $0.severity, code: $0.code) }
        self.eventNames = eventNames
    }

    /// The worst severity of its findings; nil when it has none.
    public var worstSeverity: Finding.Severity? { findings.lazy.map(\.severity).max() }

    /// Decodes the summary of one record line. Values it does not need are stepped over, not
    /// built. A line without an `events` summary (written before there was one) has its event
    /// names read from the body.
    public static func decode(line: UnsafeBufferPointer<UInt8>) throws(CaptureDecodeError) -> CaptureRecordSummary {
        var summary = CaptureRecordSummary(
            sequence: 0, time: Date(timeIntervalSince1970: 0), direction: .received, method: "", path: "",
            dialect: nil, status: nil, findings: [], eventNames: []
        )
        var sawSequence = false
        var sawEvents = false
        var body: [UInt8]?
        do throws(JSONReadError) {
            try JSONPullReader.read(line) { (reader: inout JSONPullReader) throws(JSONReadError) in
                try reader.readObject { (reader: inout JSONPullReader, key: JSONPullKey) throws(JSONReadError) in
                    switch LineKey(key) {
                    case .seq:
                        summary.sequence = try reader.readSequence()
                        sawSequence = true
                    case .tsMs: summary.time = ISOTime.date(milliseconds: try reader.readInt())
                    case .direction: summary.direction = try reader.readDirection()
                    case .method: summary.method = try reader.readString()
                    case .path: summary.path = try reader.readString()
                    case .events:
                        sawEvents = true
                        try reader.readArray { (reader: inout JSONPullReader) throws(JSONReadError) in
                            summary.eventNames.append(try reader.readString())
                        }
                    case .body:
                        // Stepped over (checked as strictly as reading it) when the line has its summary.
                        if sawEvents { try reader.skipString() } else { body = try reader.readStringBytes() }
                    case .response: summary.status = try reader.readResponse()?.status
                    case .dialect: summary.dialect = Dialect(rawValue: try reader.readString()) ?? .unknown
                    case .findings:
                        try reader.readArray { (reader: inout JSONPullReader) throws(JSONReadError) in
                            let finding = try Finding(reading: &reader)
                            summary.findings.append(FindingKind(severity: finding.severity, code: finding.code))
                        }
                    // The fields a summary does not keep are checked as the full reader checks
                    // them, so that the two readers agree on every line (what `log stats` counts,
                    // `log filter` reads).
                    case .query: try reader.skipString()
                    case .site, .targetURL: if !reader.consumeNull() { try reader.skipString() }
                    case .requestHeaders: _ = try reader.readHeaders(keeping: false)
                    case .bodyBase64: _ = try reader.readBase64()
                    case .sourceSeq: if !reader.consumeNull() { _ = try reader.readInt() }
                    case .other: try reader.skipValue()
                    }
                }
            }
        } catch {
            throw CaptureDecodeError(error)
        }
        guard sawSequence else { throw CaptureDecodeError("record has no seq", offset: 0) }
        if !sawEvents, let body { summary.eventNames = CaptureRecord.quickEventNames(body) }
        return summary
    }

    public static func decode(line: [UInt8]) throws(CaptureDecodeError) -> CaptureRecordSummary {
        do {
            return try line.withUnsafeBufferPointer { buffer throws(CaptureDecodeError) in try decode(line: buffer) }
        }
    }
}
