import CaptureLog
import Foundation
import TrackingModel

/// What one row of the stream shows about a record. Built only for the rows on screen, since it
/// decodes the request body.
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
    /// Why the body has no events, when it has none ("empty body", "invalid JSON", ...).
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

    public init(index: Int, record: CaptureRecord) {
        self.index = index
        sequence = record.sequence
        time = record.time
        direction = record.direction
        method = record.method
        path = record.path
        query = record.query
        dialect = record.dialect
        siteId = record.siteId
        status = record.response?.status
        userIds = []
        errorCount = record.findings.count { $0.severity == .error }
        warningCount = record.findings.count { $0.severity == .warning }
        findingCodes = record.findings.map(\.code)
        switch PayloadDecoder.decode(record.requestBody) {
        case .empty:
            eventNames = []
            bodyNote = "no body"
        case .invalid:
            eventNames = []
            bodyNote = "invalid JSON"
        case .body(let body):
            let events = body.events
            eventNames = body.eventNames
            for event in events {
                if let id = NormalizedEvent(event).user?.id, !userIds.contains(id) { userIds.append(id) }
            }
            bodyNote = eventNames.isEmpty ? (events.isEmpty ? "no events" : "no event name") : nil
        }
    }

    /// The event column's text: the names joined, or the note.
    public var eventText: String {
        if eventNames.isEmpty { return bodyNote.map { "(\($0))" } ?? "" }
        return eventNames.joined(separator: ", ")
    }
}
