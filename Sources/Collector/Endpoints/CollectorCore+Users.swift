import CaptureLog
import Hummingbird
import TrackingModel

extension CollectorCore {
    static let personNotFound = CollectorAnswer(status: 404, json: ["message": "Person not found"])
    static let success = CollectorAnswer(status: 200, json: ["success": true])

    /// The User API: `GET`, `PUT`, `DELETE /engage/user/?site=&user_id=&token=`, backed by `users`.
    func handleUser(_ facts: RequestFacts) async -> Response {
        let site = CollectorEndpoint.user.siteId(query: facts.query)
        var common = facts.addressingFindings(reads: ["site", "user_id", "token"])
        let key = keyFinding(facts, siteId: site)
        if let key { common.append(key) }
        func draft(_ findings: [Finding]) -> [RecordDraft] {
            [RecordDraft(siteId: site, body: facts.body.bytes, dialect: nil, findings: findings, eventName: nil)]
        }
        if let answer = strictKeyAnswer(key) {
            return await finish(facts, answer: answer, drafts: draft(common))
        }
        if let unavailable = await storesUnavailable() {
            return await finish(facts, answer: unavailable, drafts: draft(common))
        }
        if facts.method == "PUT" {
            return await putUser(facts, site: site, common: common)
        }
        guard let site, let userId = facts.query.nonEmpty("user_id") else {
            return await missingParameters(facts, site: site, common: common)
        }
        if facts.method == "GET" {
            guard let person = await users.person(site: site, userId: userId) else {
                return await finish(facts, answer: Self.personNotFound, drafts: draft(common))
            }
            return await finish(facts, answer: CollectorAnswer(status: 200, json: .object(person)), drafts: draft(common))
        }
        // DELETE
        guard await users.person(site: site, userId: userId) != nil else {
            return await finish(facts, answer: Self.personNotFound, drafts: draft(common))
        }
        let users = self.users
        return await finish(facts, answer: Self.success, drafts: draft(common), forward: true) {
            await users.delete(site: site, userId: userId)
        }
    }

    private func missingParameters(_ facts: RequestFacts, site: String?, common: [Finding]) async -> Response {
        let missing = [site == nil ? "site" : nil, facts.query.nonEmpty("user_id") == nil ? "user_id" : nil].compactMap { $0 }
        let message = "The query needs \(missing.joined(separator: " and ")) (the User API addresses a person by site and user_id)."
        let finding = Finding(severity: .error, code: CollectorFindingCode.missingParameter, path: "$", message: message)
        return await finish(facts, answer: .error(400, code: CollectorFindingCode.missingParameter, message: message),
                            drafts: [RecordDraft(siteId: site, body: facts.body.bytes, findings: common + [finding])])
    }

    private func putUser(_ facts: RequestFacts, site: String?, common: [Finding]) async -> Response {
        var findings = common
        findings += facts.bodyFormatFindings(expected: RequestFacts.jsonBody)
        func draft(_ findings: [Finding]) -> [RecordDraft] {
            [RecordDraft(siteId: site, body: facts.body.bytes, findings: findings)]
        }
        let limit = configuration.userBytes
        if facts.body.size > limit {
            findings.append(Finding(severity: .error, code: CollectorFindingCode.requestTooLarge, path: "$",
                                    message: "The request body is \(facts.body.size) bytes; trackscope accepts at most \(limit)."))
            if facts.body.isTruncated { findings.append(truncationFinding(facts.body)) }
            return await finish(facts, answer: .tooLarge(what: "The request body", size: facts.body.size, limit: limit), drafts: draft(findings))
        }
        let value: JSONValue
        do {
            value = try JSONParser.parseValue(facts.body.bytes)
        } catch {
            findings.append(error.finding)
            return await finish(facts, answer: .invalidJSON(error.finding), drafts: draft(findings))
        }
        guard case .object(let person)? = value["person"] else {
            let message = "The body must be {\"person\":{...}}; \(value["person"] == nil ? "there is no person member" : "person is not an object")."
            findings.append(Finding(severity: .error, code: "invalid-person", path: "person", message: message))
            return await finish(facts, answer: .error(400, code: "invalid-person", message: message), drafts: draft(findings))
        }
        let personId = person["id"]?.scalarText
        let queryId = facts.query.nonEmpty("user_id")
        findings += UserPayload.validate(value, userID: queryId)
        guard let site, let userId = queryId ?? personId else {
            return await missingParameters(facts, site: site, common: findings)
        }
        if configuration.strict {
            let errors = findings.filter { $0.severity == .error }
            if !errors.isEmpty {
                return await finish(facts, answer: .error(400, code: "invalid-person", message: "--strict: the person has \(errors.count) error finding(s).",
                                                          [("findings", .array(errors.map(\.jsonValue)))]), drafts: draft(findings))
            }
        }
        let users = self.users
        return await finish(facts, answer: Self.success, drafts: draft(findings), forward: true) {
            await users.upsert(site: site, userId: userId, person: person)
        }
    }
}
