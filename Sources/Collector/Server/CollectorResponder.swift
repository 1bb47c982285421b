import CaptureLog
import Foundation
import HTTPTypes
import Hummingbird
import TrackingModel

/// The collector's HTTP responder: reads each request, records it with its answer, then answers.
public struct CollectorResponder: HTTPResponder {
    public typealias Context = CollectorRequestContext

    public let core: CollectorCore

    public init(core: CollectorCore) {
        self.core = core
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        let start = ContinuousClock.now
        let time = Date()
        let path = request.uri.path
        let endpoint = CollectorEndpoint.match(path: path)
        if case .inspection(let name) = endpoint {
            // The user's own API: no CORS, not even for a preflight; see InspectionAccess.
            _ = try await CollectedBody.collect(request.body, keep: 0)
            let access = InspectionAccess.Request(
                authority: request.head.authority, origin: request.headers[.origin],
                fetchSite: request.headers[Self.fetchSite], authorization: request.headers[.authorization]
            )
            if let refusal = core.inspectionAccess.refusal(for: access, port: core.currentPort) {
                return CollectorCore.inspectionResponse(.error(refusal.status, code: refusal.code, message: refusal.message))
            }
            let method = request.method.rawValue
            let query = QueryParameters(request.uri.query ?? "")
            return await core.whileClientWaits(on: context.connectionID) { [core] in
                await core.handleInspection(name, method: method, query: query)
            }
        }
        if request.method == .options {
            return CORS.preflight(for: endpoint, origin: request.headers[.origin], requestedHeaders: request.headers[CORS.requestHeaders])
        }
        let query = QueryParameters(request.uri.query ?? "")
        let method = request.method.rawValue

        var headers: [CaptureRecord.HeaderField] = []
        headers.reserveCapacity(request.headers.count + 1)
        if let authority = request.head.authority {
            headers.append(.init(name: "Host", value: authority))
        }
        // One pass over the fields: the record's copy, and the few the collector reads (origin and
        // content type as the HTTPFields subscript gives them: repeated fields joined by ", ").
        var bearer: String?
        var origin: String?
        var contentType: String?
        for field in request.headers {
            headers.append(.init(name: field.name.rawName, value: field.value))
            switch field.name {
            case .authorization:
                let value = field.value.trimmingHTTPWhitespace()
                if value.utf8.count > 7, value.hasPrefixIgnoringASCIICase("bearer ") {
                    bearer = String(value.dropFirst(7).trimmingHTTPWhitespace())
                }
            case .origin:
                origin = origin.map { $0 + ", " + field.value } ?? field.value
            case .contentType:
                contentType = contentType.map { $0 + ", " + field.value } ?? field.value
            default:
                break
            }
        }

        let limit: Int
        switch endpoint {
        case .batch: limit = RequestLimits.batchBytes
        case .productBulk: limit = core.configuration.productBulkBytes
        case .user: limit = core.configuration.userBytes
        default: limit = RequestLimits.requestBytes
        }
        let body: CollectedBody
        do {
            body = try await CollectedBody.collect(request.body, keep: max(limit + 1, core.configuration.maximumLoggedBodyBytes))
        } catch {
            await core.recordAborted(time: time, method: method, path: path, query: query.raw, headers: headers, error: error)
            throw error
        }
        let facts = RequestFacts(
            time: time, start: start, method: method, path: path, endpoint: endpoint, query: query, headers: headers, body: body,
            contentType: contentType, origin: origin, bearer: bearer
        )
        guard endpoint.allows(method: method) else {
            return await core.handleUnknown(facts, endpoint: endpoint)
        }
        switch endpoint {
        case .legacyEvent, .event, .batch:
            return await core.handleEvents(facts, endpoint: endpoint)
        case .user:
            return await core.handleUser(facts)
        case .productBulk(let siteId):
            return await core.handleProducts(facts, siteId: siteId)
        case .inspection, .unknown, .conversionBulk:
            return await core.handleUnknown(facts, endpoint: endpoint)
        }
    }
}

extension CollectorResponder {
    static let fetchSite = HTTPField.Name("Sec-Fetch-Site")!
}

extension CollectorCore {
    /// Runs `work` in a task of its own that is cancelled when the client of connection `id`
    /// goes away (or when the calling task is cancelled), so that an inspection query nobody
    /// waits for any longer stops reading the log.
    func whileClientWaits(on id: ObjectIdentifier, _ work: @escaping @Sendable () async -> Response) async -> Response {
        guard let connection = connections.connection(id) else { return await work() }
        let task = Task { await work() }
        connection.whenGone { task.cancel() }
        defer { connection.whenGone(nil) }
        return await withTaskCancellationHandler { await task.value } onCancel: { task.cancel() }
    }

    /// An unknown path (404) or a method the endpoint does not take (405); recorded all the same,
    /// so that a misconfigured client shows up in the log.
    func handleUnknown(_ facts: RequestFacts, endpoint: CollectorEndpoint) async -> Response {
        let answer: CollectorAnswer
        let finding: Finding
        if endpoint == .unknown || endpoint.allows(method: facts.method) {
            let message = "trackscope serves no endpoint at \(facts.path)."
            finding = Finding(severity: .error, code: CollectorFindingCode.unknownEndpoint, path: "$", message: message,
                              hint: "The endpoints are POST /v2/{siteId}/events, POST /events?tc_s=, POST /events/batch?tc_s=, GET/PUT/DELETE /engage/user/ and POST /v2/{siteId}/products/bulk.")
            answer = .error(404, code: CollectorFindingCode.unknownEndpoint, message: message)
        } else {
            let allowed = endpoint.allowedMethods.joined(separator: ", ")
            let message = "\(facts.path) takes \(allowed), not \(facts.method)."
            finding = Finding(severity: .error, code: CollectorFindingCode.methodNotAllowed, path: "$", message: message)
            answer = .error(405, code: CollectorFindingCode.methodNotAllowed, message: message)
        }
        var findings = [finding]
        if facts.body.isTruncated { findings.append(truncationFinding(facts.body)) }
        return await finish(facts, answer: answer, drafts: [RecordDraft(siteId: nil, body: facts.body.bytes, findings: findings)])
    }

    /// Records a request whose body never arrived whole (the client went away, or sent a broken body).
    func recordAborted(time: Date, method: String, path: String, query: String, headers: [CaptureRecord.HeaderField], error: any Error) async {
        let record = CaptureRecord(
            time: time, direction: .received, method: method, path: path, query: query, requestHeaders: headers,
            findings: [Finding(severity: .error, code: CollectorFindingCode.requestAborted, path: "$",
                               message: "The request body did not arrive whole (\(error)); no answer could be given.")]
        )
        if let stored = try? await log.append(record) { statistics.add(stored, eventName: nil) }
    }

    /// Records a connection that sent something that is not HTTP (answered 400, or 431 for headers
    /// too large, by the server), with the answer it was given.
    func recordMalformed(_ problem: MalformedRequest, remote: String?) async {
        var headers: [CaptureRecord.HeaderField] = []
        if let remote { headers.append(.init(name: "X-Trackscope-Remote", value: remote)) }
        let record = CaptureRecord(
            direction: .received, method: "?", path: "?", requestHeaders: headers,
            response: .init(status: problem.status, headers: [.init(name: "Content-Type", value: problem.answer.contentType)],
                            body: problem.answer.body),
            findings: [problem.finding]
        )
        if let stored = try? await log.append(record) { statistics.add(stored, eventName: nil) }
    }
}
