import CaptureLog
import Foundation
import TrackingModel

extension SendTarget {
    /// Whether `replay` sends `record` again: a received `POST` to an event endpoint (one event,
    /// a batch, or the legacy `/v2/SITE/events`).
    public static func isReplayable(_ record: CaptureRecord) -> Bool {
        guard record.direction == .received, record.method == "POST" else { return false }
        switch CollectorEndpoint.match(path: record.path) {
        case .event, .batch, .legacyEvent: return true
        default: return false
        }
    }

    /// The request that replays `record` to this target:
    /// - the endpoint of the record's (an event to `/events`, a legacy event to
    ///   `/v2/SITE/events`, a batch to `/events/batch`), except that `--convert` sends an event to
    ///   its new dialect's endpoint;
    /// - one event of a batch request (a `batch-member` record) goes as a batch of one,
    ///   `{"batch":[EVENT]}`, as `log export --curl` sends it (`CaptureRecord.requestBodyToResend`);
    /// - the body as recorded, byte for byte, unless `transform` changes events;
    /// - for the transform's site, else the recorded one (no `tc_s` when neither is known);
    /// - the key (when given) where `send` puts it.
    public func replayRequest(
        for record: CaptureRecord, transform: ReplayTransform, sourceKey: String?, nowMilliseconds: Int64,
        newId: () -> String, userAgent: String
    ) -> EventRequest {
        let endpoint = CollectorEndpoint.match(path: record.path)
        let isBatch = endpoint == .batch || record.isBatchMember
        let (body, transformedDialect) = transform.apply(
            toBody: record.requestBodyToResend, nowMilliseconds: nowMilliseconds, newId: newId)
        let dialect = transformedDialect ?? record.dialect
        // The endpoint follows the record's, or the dialect converted to.
        let routing: Dialect?
        if isBatch {
            routing = dialect
        } else if let converted = transform.dialect {
            routing = converted
        } else if case .legacyEvent = endpoint {
            routing = .legacy
        } else {
            routing = dialect == .legacy ? .v2 : dialect
        }
        let siteId = transform.siteId ?? record.siteId ?? ""
        var request = self.request(
            body: body, kind: isBatch ? .batch : .event, dialect: routing, siteId: siteId, sourceKey: sourceKey,
            eventCount: isBatch ? Self.batchCount(body) : 1, userAgent: userAgent)
        request.dialect = dialect
        if siteId.isEmpty, request.query.hasPrefix("tc_s=") {
            // Replayed as recorded: without a site.
            request.query = String(request.query.dropFirst("tc_s=".count).drop { $0 != "&" }.dropFirst())
        }
        return request
    }

    private static func batchCount(_ body: [UInt8]) -> Int {
        guard case .object(let root)? = try? JSONParser.parseValue(body),
              case .array(let events)? = root[EventBody.batchKey] else { return 1 }
        return events.count
    }
}
