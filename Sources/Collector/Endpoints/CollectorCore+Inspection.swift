import CaptureLog
import Foundation
import HTTPTypes
import Hummingbird
import TrackingModel

extension CollectorCore {
    /// The inspection API, for scripts and CI (in the spirit of Snowplow Micro). Not recorded.
    ///
    /// - `GET /_trackscope/events?q=QUERY&limit=N`: the newest matching records, newest first.
    /// - `GET /_trackscope/stats`: counts by event, status, severity, dialect, and the forwarder's state.
    /// - `POST /_trackscope/reset`: keeps the current log aside and starts a fresh one.
    /// - `GET /_trackscope/health`: liveness, and where the log is.
    ///
    /// Only requests `InspectionAccess` lets through get here; answers carry no CORS headers.
    func handleInspection(_ name: String, method: String, query: QueryParameters) async -> Response {
        let endpoint = CollectorEndpoint.inspection(name: name)
        let answer: CollectorAnswer
        switch name {
        case "events", "health", "stats", "reset":
            guard endpoint.allows(method: method) else {
                answer = .error(405, code: CollectorFindingCode.methodNotAllowed,
                                message: "\(method) is not allowed here; use \(endpoint.allowedMethods.joined(separator: ", ")).")
                break
            }
            if name == "events" || name == "stats", let unavailable = await storesUnavailable() {
                answer = unavailable
                break
            }
            switch name {
            case "events": answer = await inspectionEvents(query)
            case "stats": answer = await inspectionStats()
            case "reset": answer = await inspectionReset()
            default: answer = await inspectionHealth()
            }
        default:
            answer = .error(404, code: CollectorFindingCode.unknownEndpoint,
                            message: "The inspection API has /_trackscope/events, /_trackscope/stats, /_trackscope/reset (POST) and /_trackscope/health.")
        }
        return Self.inspectionResponse(answer)
    }

    /// An inspection answer: no CORS headers (no page of another origin may read it), not cached;
    /// a 401 names the scheme it wants.
    static func inspectionResponse(_ answer: CollectorAnswer) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = answer.contentType
        headers[.cacheControl] = "no-store"
        if answer.status == 401 { headers[.wwwAuthenticate] = #"Bearer realm="trackscope inspection API""# }
        return Response(status: .init(code: answer.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// The port the server listens on; nil while it is not known (configured 0, not listening yet).
    var currentPort: Int? {
        let port = listeningPort.load(ordering: .relaxed)
        return port > 0 ? port : nil
    }

    func inspectionHealth() async -> CollectorAnswer {
        let stats = statistics.snapshot()
        var rebuildFailure: JSONValue = .null
        if case .failed(let reason) = rebuildState { rebuildFailure = .string(reason) }
        return CollectorAnswer(status: 200, json: JSONValue.compactObject([
            ("status", "ok"),
            ("log", log.fileURL.map { .string($0.path) } ?? .null),
            ("records", JSONValue.integer(stats.records)),
            ("uptimeSeconds", .number(JSONNumber((Date().timeIntervalSince(started) * 1000).rounded() / 1000))),
            ("strict", .bool(configuration.strict)),
            ("rebuilding", .bool(rebuildState == .running)),
            ("rebuildFailure", rebuildFailure),
            ("abandonedQueries", JSONValue.integer(abandonedQueries.load(ordering: .relaxed))),
            ("forwarding", forwarder.map { .string($0.targetDescription) } ?? .null),
        ]))
    }

    func inspectionStats() async -> CollectorAnswer {
        let stats = statistics.snapshot()
        func counts(_ dictionary: [String: Int]) -> JSONValue {
            .object(JSONObject(dictionary.sorted { $0.key < $1.key }.map { .init(key: $0.key, value: JSONValue.integer($0.value)) }))
        }
        var forwardingJSON: JSONValue = .null
        if let forwarding {
            let state = await forwarding.snapshot
            forwardingJSON = JSONValue.compactObject([
                ("target", .string(state.target)),
                ("queued", JSONValue.integer(state.queued)),
                ("inFlight", JSONValue.integer(state.inFlight)),
                ("retrying", JSONValue.integer(state.retrying)),
                ("sent", JSONValue.integer(state.sent)),
                ("failed", JSONValue.integer(state.failed)),
                ("dropped", JSONValue.integer(state.dropped)),
                ("abandoned", JSONValue.integer(state.abandoned)),
                ("attempts", JSONValue.integer(state.attempts)),
                ("capacity", JSONValue.integer(state.capacity)),
            ])
        }
        return CollectorAnswer(status: 200, json: JSONValue.compactObject([
            ("records", JSONValue.integer(stats.records)),
            ("received", JSONValue.integer(stats.received)),
            ("sent", JSONValue.integer(stats.sent)),
            ("byEvent", counts(stats.byEvent)),
            ("byStatus", counts(stats.byStatus)),
            ("bySeverity", counts(stats.bySeverity)),
            ("byDialect", counts(stats.byDialect)),
            ("byFindingCode", counts(stats.byFindingCode)),
            ("users", JSONValue.integer(await users.count)),
            ("products", JSONValue.integer(await catalogue.count)),
            ("forwarding", forwardingJSON),
        ]))
    }

    func inspectionReset() async -> CollectorAnswer {
        do {
            let archived = try await reset()
            return CollectorAnswer(status: 200, json: JSONValue.compactObject([
                ("status", "reset"),
                ("log", log.fileURL.map { .string($0.path) } ?? .null),
                ("archived", archived.map { .string($0.path) } ?? .null),
            ]))
        } catch {
            return .error(500, code: "reset-failed", message: "The log could not be reset: \(error)")
        }
    }

    func inspectionEvents(_ query: QueryParameters) async -> CollectorAnswer {
        let text = query["q"] ?? ""
        let filter: FilterQuery
        do {
            filter = try FilterQuery.parse(text)
        } catch {
            return .error(400, code: "invalid-query", message: error.message, [("offset", JSONValue.integer(error.offset))])
        }
        var limit = 100
        if let given = query["limit"] {
            guard let number = Int(given), number > 0 else {
                return .error(400, code: "invalid-limit", message: "limit must be a positive whole number; it is \"\(given)\".")
            }
            limit = min(number, 10_000)
        }
        let records: [CaptureRecord]
        do {
            records = try await log.newestRecords(limit: limit, matching: filter)
        } catch is CancellationError {
            // The client went away: nobody reads this answer, but the count shows in health.
            abandonedQueries.add(1, ordering: .relaxed)
            return .error(499, code: "client-gone", message: "The client closed the connection before the answer.")
        } catch {
            return .error(500, code: "log-unreadable", message: "The capture log could not be read: \(error)")
        }
        var items: [JSONValue] = []
        items.reserveCapacity(records.count)
        for record in records { items.append(await recordJSON(record)) }
        return CollectorAnswer(status: 200, json: JSONValue.compactObject([
            ("query", .string(text)),
            ("count", JSONValue.integer(items.count)),
            ("records", .array(items)),
        ]))
    }

    /// A record for scripts: its facts, findings, the body as JSON (or as text when it is not
    /// JSON), and for events with items the catalogue's name and price of each item's product.
    func recordJSON(_ record: CaptureRecord) async -> JSONValue {
        let body = try? JSONParser.parseValue(record.requestBody)
        var enrichment: [JSONValue] = []
        if let body, let site = record.siteId {
            for found in await catalogue.products(forItemsIn: body, site: site) {
                enrichment.append(JSONValue.compactObject([
                    ("item", JSONValue.integer(found.item)),
                    ("id", .string(found.id)),
                    ("name", found.product.name.map(JSONValue.string)),
                    ("price", found.product.price.map(JSONValue.number)),
                    ("currency", found.product.currency.map(JSONValue.string)),
                ]))
            }
        }
        let bodyText: JSONValue? = body == nil && !record.requestBody.isEmpty
            ? .string(String(decoding: record.requestBody, as: UTF8.self)) : nil
        return JSONValue.compactObject([
            ("seq", JSONValue.integer(record.sequence)),
            ("time", .string(ISOTime.string(record.time))),
            ("direction", .string(record.direction.rawValue)),
            ("method", .string(record.method)),
            ("path", .string(record.path)),
            ("query", .string(record.query)),
            ("siteId", record.siteId.map(JSONValue.string)),
            ("status", record.response.map { JSONValue.integer($0.status) }),
            ("dialect", record.dialect.map { .string($0.rawValue) }),
            ("event", record.eventNames.first.map(JSONValue.string)),
            ("findings", .array(record.findings.map(\.jsonValue))),
            ("body", body),
            ("bodyText", bodyText),
            ("catalogue", enrichment.isEmpty ? nil : .array(enrichment)),
            ("targetURL", record.targetURL.map(JSONValue.string)),
            ("sourceSequence", record.sourceSequence.map(JSONValue.integer)),
        ])
    }
}
