import CaptureLog
import Hummingbird
import TrackingModel

extension CollectorCore {
    /// `POST /v2/{siteId}/events`, `POST /events?tc_s=`, `POST /events/batch?tc_s=`.
    ///
    /// Answers as the real API: 200 for every request except 400 when the body is too large or not
    /// JSON; under `--strict` also 401 for key findings and 400 for error findings. A batch gives
    /// one record per event (its body the event's exact bytes), all sharing the request's answer.
    func handleEvents(_ facts: RequestFacts, endpoint: CollectorEndpoint) async -> Response {
        let isBatch = endpoint == .batch
        let siteId = endpoint.siteId(query: facts.query)
        var common: [Finding]
        if case .legacyEvent = endpoint {
            common = facts.addressingFindings(reads: Self.legacyEventParameters)
        } else {
            common = facts.addressingFindings(reads: Self.eventParameters)
        }
        if siteId == nil {
            common.append(Finding(severity: .error, code: CollectorFindingCode.missingSiteId, path: "$",
                                  message: "The query has no tc_s parameter: the real endpoint cannot tell which site the event is for.",
                                  hint: "Add ?tc_s=SITE_ID to the URL."))
        }
        common += facts.bodyFormatFindings(expected: RequestFacts.jsonBody)
        let key = keyFinding(facts, siteId: siteId)
        if let key { common.append(key) }

        func whole(_ findings: [Finding], dialect: Dialect? = nil, name: String? = nil,
                   summary: EventBodySummary? = nil) -> [RecordDraft] {
            [RecordDraft(siteId: siteId, body: facts.body.bytes, dialect: dialect, findings: findings, eventName: name,
                         bodySummary: summary)]
        }

        if let answer = strictKeyAnswer(key) {
            return await finish(facts, answer: answer, drafts: whole(common))
        }
        let limit = isBatch ? RequestLimits.batchBytes : RequestLimits.requestBytes
        if facts.body.size > limit {
            let what = isBatch ? "The batch request body" : "The request body"
            let answer = CollectorAnswer.tooLarge(what: what, size: facts.body.size, limit: limit)
            var findings = common
            findings.append(Finding(severity: .error, code: CollectorFindingCode.requestTooLarge, path: "$",
                                    message: "\(what) is \(facts.body.size) bytes; the real API refuses more than \(limit) bytes (\(limit / 1024) KB) with 400."))
            if facts.body.isTruncated { findings.append(truncationFinding(facts.body)) }
            return await finish(facts, answer: answer, drafts: whole(findings))
        }

        let analysis = PayloadAnalysis(bytes: facts.body.bytes, batch: isBatch)
        if let parseError = analysis.parseError {
            return await finish(facts, answer: .invalidJSON(parseError), drafts: whole(common + analysis.findings))
        }

        var answer: CollectorAnswer?
        let drafts: [RecordDraft]
        if isBatch, !analysis.events.isEmpty {
            let built = batchDrafts(facts, analysis: analysis, siteId: siteId, common: common)
            drafts = built.drafts
            if let oversized = built.oversized {
                answer = .tooLarge(code: CollectorFindingCode.eventTooLarge, what: "Event \(oversized.index) of the batch",
                                   size: oversized.size, limit: RequestLimits.eventInBatchBytes,
                                   [("index", JSONValue.integer(oversized.index))])
            }
        } else if !isBatch, let event = analysis.events.first {
            // The event's own findings as they are when nothing comes before them (the usual
            // case): joining them to two empty lists would copy them into a new array.
            let findings = common.isEmpty && analysis.findings.isEmpty ? event.findings : common + analysis.findings + event.findings
            // The body is the one document parsed: its summary is read from the parsed value
            // rather than from the bytes again when the line is encoded.
            drafts = whole(findings, dialect: event.dialect, name: event.name,
                           summary: event.value.flatMap(EventBodySummary.quickScan(document:)))
        } else {
            drafts = whole(common + analysis.findings)
        }

        if answer == nil, configuration.strict {
            let errors = drafts.flatMap(\.findings).filter { $0.severity == .error }
            if !errors.isEmpty {
                answer = .error(400, code: "invalid-event",
                                message: "--strict: the request has \(errors.count) error finding\(errors.count == 1 ? "" : "s").",
                                [("findings", .array(errors.map(\.jsonValue)))])
            }
        }
        var summary = FindingSummary()
        for draft in drafts { summary.add(draft.findings) }
        let final = answer ?? .accepted(events: isBatch ? analysis.events.count : 1, summary: summary)
        return await finish(facts, answer: final, drafts: drafts, forward: final.status == 200)
    }

    /// The query parameters that address the legacy endpoint (`/v2/{siteId}/events`) and the
    /// current ones, as `addressingFindings` takes them (built once, not on every request).
    static let legacyEventParameters = ["token"]
    static let eventParameters = ["tc_s", "token"]

    /// One draft per event of a batch: the event's exact bytes, its findings with lines and columns
    /// counted from the event's first byte, and a `batch-member` note.
    func batchDrafts(_ facts: RequestFacts, analysis: PayloadAnalysis, siteId: String?, common: [Finding])
        -> (drafts: [RecordDraft], oversized: (index: Int, size: Int)?) {
        let bytes = facts.body.bytes
        var counter = SourcePositionCounter()
        let starts = analysis.events.map { counter.advance(to: $0.byteRange.lowerBound, in: bytes) }
        var drafts: [RecordDraft] = []
        drafts.reserveCapacity(analysis.events.count)
        var oversized: (index: Int, size: Int)?
        let count = analysis.events.count
        for (index, event) in analysis.events.enumerated() {
            let start = starts[index]
            var findings = common
            if index == 0 {
                findings += analysis.findings.map { finding in
                    var copy = finding
                    copy.message += " (about the whole batch request)"
                    copy.line = nil
                    copy.column = nil
                    return copy
                }
            }
            for finding in event.findings {
                var copy = finding
                if let line = finding.line {
                    copy.line = line - start.line + 1
                    if line == start.line, let column = finding.column { copy.column = column - start.column + 1 }
                }
                findings.append(copy)
            }
            let size = event.byteRange.count
            if size > RequestLimits.eventInBatchBytes {
                if oversized == nil { oversized = (index, size) }
                if !findings.contains(where: { $0.code == CollectorFindingCode.eventTooLarge }) {
                    findings.append(Finding(severity: .error, code: CollectorFindingCode.eventTooLarge, path: "$",
                                        message: "This event is \(size) bytes; the real API refuses a batch holding an event over \(RequestLimits.eventInBatchBytes) bytes (32 KB) with 400."))
                }
            }
            findings.append(Finding(severity: .info, code: CollectorFindingCode.batchMember, path: "$",
                                    message: "Event \(index + 1) of \(count) of one batch request (batch[\(index)], \(facts.body.size) bytes in all); lines and columns count from this event's first byte."))
            let body = event.byteRange.isEmpty ? [] : Array(bytes[event.byteRange.clamped(to: 0..<bytes.count)])
            drafts.append(RecordDraft(siteId: siteId, body: body, dialect: event.dialect, findings: findings, eventName: event.name))
        }
        return (drafts, oversized)
    }

    func truncationFinding(_ body: CollectedBody) -> Finding {
        Finding(severity: .info, code: CollectorFindingCode.bodyTruncated, path: "$",
                message: "The body was \(body.size) bytes; the log keeps its first \(body.bytes.count) bytes only.")
    }
}
