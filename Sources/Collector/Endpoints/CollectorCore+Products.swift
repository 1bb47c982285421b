import CaptureLog
import Hummingbird
import TrackingModel

extension CollectorCore {
    /// `POST /v2/{siteId}/products/bulk`: NDJSON, each line validated on its own; 202 when every
    /// line is accepted, 207 with the documented `errors`/`data` body otherwise. Accepted products
    /// go to the catalogue.
    func handleProducts(_ facts: RequestFacts, siteId: String) async -> Response {
        var findings = facts.addressingFindings(reads: ["token"])
        let key = keyFinding(facts, siteId: siteId)
        if let key { findings.append(key) }
        findings += facts.bodyFormatFindings(expected: RequestFacts.jsonLinesBody)
        func draft(_ findings: [Finding]) -> [RecordDraft] {
            [RecordDraft(siteId: siteId, body: facts.body.bytes, findings: findings)]
        }
        if let answer = strictKeyAnswer(key) {
            return await finish(facts, answer: answer, drafts: draft(findings))
        }
        if let unavailable = await storesUnavailable() {
            return await finish(facts, answer: unavailable, drafts: draft(findings))
        }
        let limit = configuration.productBulkBytes
        if facts.body.size > limit {
            findings.append(Finding(severity: .error, code: CollectorFindingCode.requestTooLarge, path: "$",
                                    message: "The request body is \(facts.body.size) bytes; trackscope accepts at most \(limit)."))
            if facts.body.isTruncated { findings.append(truncationFinding(facts.body)) }
            return await finish(facts, answer: .tooLarge(what: "The request body", size: facts.body.size, limit: limit), drafts: draft(findings))
        }
        let lines = ProductLines(facts.body.bytes)
        if lines.lines.count > configuration.recommendedProductLines {
            findings.append(Finding(severity: .warning, code: CollectorFindingCode.tooManyLines, path: "$",
                                    message: "The request holds \(lines.lines.count) products; the vendor recommends at most \(configuration.recommendedProductLines) a request."))
        }
        findings += lines.findings
        let accepted = lines.accepted.count
        let rejected = lines.lines.count - accepted
        let data = JSONValue.compactObject([
            ("accepted_object_count", JSONValue.integer(accepted)),
            ("rejected_object_count", JSONValue.integer(rejected)),
        ])
        let answer = CollectorAnswer(status: rejected == 0 ? 202 : 207,
                                     json: JSONValue.compactObject([("errors", .array(lines.errorGroups)), ("data", data)]))
        let catalogue = self.catalogue
        return await finish(facts, answer: answer, drafts: draft(findings), forward: true) {
            await catalogue.store(lines, site: siteId)
        }
    }
}
