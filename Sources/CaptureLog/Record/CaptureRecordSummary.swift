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
    /// The query string, without the `?`.
    public var query: String
    /// The site the request was for.
    public var siteId: String?
    public var dialect: Dialect?
    /// The answer's status; nil when there was no answer.
    public var status: Int?
    public var findings: [FindingKind]
    /// The event names of the body (the line's `events` summary).
    public var eventNames: [String]
    /// The users (`user.id`) of the body's events, once each, in order (the line's `users`
    /// summary; see `EventBodySummary.userIds`).
    public var userIds: [String]
    /// Whether `userIds` rules out every other `user.id` for the filter language
    /// (`EventBodySummary.userIdsCoverFilter`).
    public var userIdsCoverFilter: Bool
    /// Why the body has no event name; nil when it has one (the line's `no_events`).
    public var noEventsReason: EventBodySummary.NoEventsReason?

    public init(sequence: UInt64, time: Date, direction: CaptureRecord.Direction, method: String, path: String,
                query: String = "", siteId: String? = nil, dialect: Dialect?, status: Int?, findings: [FindingKind],
                body: EventBodySummary) {
        self.sequence = sequence
        self.time = time
        self.direction = direction
        self.method = method
        self.path = path
        self.query = query
        self.siteId = siteId
        self.dialect = dialect
        self.status = status
        self.findings = findings
        self.eventNames = body.eventNames
        self.userIds = body.userIds
        self.userIdsCoverFilter = body.userIdsCoverFilter
        self.noEventsReason = body.noEventsReason
    }

    /// The summary of a record in memory, its body read as the log writer reads it for the
    /// line's summaries (`CaptureRecord.quickBodySummary`): the same as decoding the record's line.
    public init(_ record: CaptureRecord) {
        self.init(sequence: record.sequence, time: record.time, direction: record.direction, method: record.method,
                  path: record.path, query: record.query, siteId: record.siteId, dialect: record.dialect,
                  status: record.response?.status,
                  findings: record.findings.map { FindingKind(severity: $0.severity, code: $0.code) },
                  body: record.quickBodySummary)
    }

    /// What the summary says of the body.
    public var bodySummary: EventBodySummary {
        EventBodySummary(eventNames: eventNames, userIds: userIds, userIdsCoverFilter: userIdsCoverFilter,
                         noEventsReason: noEventsReason)
    }

    /// The worst severity of its findings; nil when it has none.
    public var worstSeverity: Finding.Severity? { findings.lazy.map(\.severity).max() }

    /// Decodes the summary of one record line. Values it does not need are stepped over, not
    /// built. A line without a `users` summary (written before there was one, or whose body's
    /// user ids the writer could not summarise) has its body summary read from the body, as does
    /// a line whose `no_events` this reader does not know. Without `readingUsersFromBody`, a line
    /// that has its `events` but no `users` keeps its body unread: its `userIds` are empty and
    /// `userIdsCoverFilter` false (for counting, which needs no user ids, through old logs).
    public static func decode(line: UnsafeBufferPointer<UInt8>, readingUsersFromBody: Bool = true) throws(CaptureDecodeError) -> CaptureRecordSummary {
        var summary = CaptureRecordSummary(
            sequence: 0, time: Date(timeIntervalSince1970: 0), direction: .received, method: "", path: "",
            dialect: nil, status: nil, findings: [],
            body: EventBodySummary(eventNames: [], userIds: [], userIdsCoverFilter: true, noEventsReason: nil)
        )
        var sawSequence = false
        var sawEvents = false
        var sawUsers = false
        var reason: EventBodySummary.NoEventsReason?
        /// Whether the line so far carries the whole body summary (so the body need not be read):
        /// `users`, and `events` or a `no_events` this reader knows.
        var hasBodySummary = false
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
                    case .query: summary.query = try reader.readString()
                    case .site: summary.siteId = reader.consumeNull() ? nil : try reader.readString()
                    case .events:
                        sawEvents = true
                        summary.eventNames = try reader.readStrings()
                        hasBodySummary = sawUsers && (!summary.eventNames.isEmpty || reason != nil)
                    case .users:
                        sawUsers = true
                        summary.userIds = try reader.readStrings()
                        hasBodySummary = !summary.eventNames.isEmpty || reason != nil
                    case .noEvents:
                        reason = EventBodySummary.NoEventsReason(rawValue: try reader.readString())
                        hasBodySummary = sawUsers && (!summary.eventNames.isEmpty || reason != nil)
                    case .body:
                        // Stepped over (checked as strictly as reading it) when the line has its summaries.
                        if hasBodySummary || !(readingUsersFromBody || summary.eventNames.isEmpty) {
                            try reader.skipString()
                        } else {
                            body = try reader.readStringBytes()
                        }
                    case .bodyBase64:
                        let bytes = try reader.readBase64()
                        if !hasBodySummary { body = bytes }
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
                    case .targetURL: if !reader.consumeNull() { try reader.skipString() }
                    case .requestHeaders: _ = try reader.readHeaders(keeping: false)
                    case .sourceSeq: if !reader.consumeNull() { _ = try reader.readInt() }
                    case .other: try reader.skipValue()
                    }
                }
            }
        } catch {
            throw CaptureDecodeError(error)
        }
        guard sawSequence else { throw CaptureDecodeError("record has no seq", offset: 0) }
        if hasBodySummary {
            summary.noEventsReason = summary.eventNames.isEmpty ? reason : nil
        } else if !readingUsersFromBody && !summary.eventNames.isEmpty {
            summary.userIds = []
            summary.userIdsCoverFilter = false
            summary.noEventsReason = nil
        } else {
            // An older line: what the line says is kept (its `events`), the rest read from the body.
            let read = EventBodySummary.quickScan(body ?? [])
            if !sawEvents { summary.eventNames = read.eventNames }
            summary.userIds = read.userIds
            summary.userIdsCoverFilter = read.userIdsCoverFilter
            summary.noEventsReason = summary.eventNames.isEmpty ? read.noEventsReason ?? .noEventName : nil
        }
        return summary
    }

    public static func decode(line: [UInt8], readingUsersFromBody: Bool = true) throws(CaptureDecodeError) -> CaptureRecordSummary {
        do {
            return try line.withUnsafeBufferPointer { buffer throws(CaptureDecodeError) in
                try decode(line: buffer, readingUsersFromBody: readingUsersFromBody)
            }
        }
    }
}
