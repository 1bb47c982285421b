import CaptureLog
import Foundation
import TrackingModel

/// What one row of the stream shows about a record, built from the record's summary
/// (`CaptureRecordSummary`: the log line's summaries, without decoding the body).
public struct RecordSummary: Sendable, Hashable {
    /// The record's position in the source.
    public var index: Int
    public var sequence: UInt64
    public var time: Date
    public var direction: CaptureRecord.Direction
    public var method: String
    public var path: String
    public var query: String
    /// The event names in the body, in order (several for a batch); empty when there are none.
    public var eventNames: [String]
    /// Why the body has no events, when it has none ("no body", "invalid JSON", ...).
    public var bodyNote: String?
    public var dialect: Dialect?
    /// The site the request was for.
    public var siteId: String?
    /// The users (`user.id`) of the body's events, once each, in order.
    public var userIds: [String]
    public var status: Int?
    public var errorCount: Int
    public var warningCount: Int
    /// The finding codes, for filtering.
    public var findingCodes: [String]

    /// The row of the record at `index` whose summary is `summary`.
    public init(index: Int, summary: CaptureRecordSummary) {
        self.index = index
        sequence = summary.sequence
        time = summary.time
        direction = summary.direction
        method = summary.method
        path = summary.path
        query = summary.query
        dialect = summary.dialect
        siteId = summary.siteId
        status = summary.status
        userIds = summary.userIds
        errorCount = summary.findings.count { $0.severity == .error }
        warningCount = summary.findings.count { $0.severity == .warning }
        findingCodes = summary.findings.map(\.code)
        eventNames = summary.eventNames
        bodyNote = summary.noEventsReason.map(Self.note)
    }

    /// The row of a record in memory: that of its summary (`CaptureRecordSummary(record)`).
    public init(index: Int, record: CaptureRecord) {
        self.init(index: index, summary: CaptureRecordSummary(record))
    }

    /// How the row says why a body has no event name.
    static func note(_ reason: EventBodySummary.NoEventsReason) -> String {
        switch reason {
        case .emptyBody: "no body"
        case .invalidJSON: "invalid JSON"
        case .noEvents: "no events"
        case .noEventName: "no event name"
        }
    }

    /// The event column's text: the names joined, or the note.
    public var eventText: String {
        if eventNames.isEmpty { return bodyNote.map { "(\($0))" } ?? "" }
        return eventNames.joined(separator: ", ")
    }
}
