import HTTPTypes
import Hummingbird
import TrackingModel

/// Cross-origin headers of the tracking endpoints, so that a web page under development can post
/// events from a browser and read the answers: every answer allows the requesting origin (or `*`
/// when none is given) and exposes the `X-Trackscope-*` headers; preflights are answered 204 and
/// not recorded. The inspection API never sends them (see `InspectionAccess`), and neither does
/// the User API: it answers with the people it stores, personal data no web page may read.
enum CORS {
    /// Whether web pages of any origin may call `endpoint` and read its answers.
    static func isOpen(_ endpoint: CollectorEndpoint) -> Bool {
        switch endpoint {
        case .user, .inspection: false
        case .legacyEvent, .event, .batch, .productBulk, .conversionBulk, .unknown: true
        }
    }

    static let allowOrigin = HTTPField.Name("Access-Control-Allow-Origin")!
    static let allowMethods = HTTPField.Name("Access-Control-Allow-Methods")!
    static let allowHeaders = HTTPField.Name("Access-Control-Allow-Headers")!
    static let allowCredentials = HTTPField.Name("Access-Control-Allow-Credentials")!
    static let exposeHeaders = HTTPField.Name("Access-Control-Expose-Headers")!
    static let maxAge = HTTPField.Name("Access-Control-Max-Age")!
    static let requestHeaders = HTTPField.Name("Access-Control-Request-Headers")!
    static let vary = HTTPField.Name("Vary")!

    /// Adds the cross-origin headers of an answer to `origin` to `headers`, which holds none of
    /// them yet (they are appended, not set).
    static func apply(to headers: inout HTTPFields, origin: String?) {
        if let origin, !origin.isEmpty {
            headers.append(HTTPField(name: allowOrigin, value: origin))
            headers.append(HTTPField(name: allowCredentials, value: "true"))
            headers.append(HTTPField(name: vary, value: "Origin"))
        } else {
            headers.append(HTTPField(name: allowOrigin, value: "*"))
        }
        headers.append(HTTPField(name: exposeHeaders, value: "X-Trackscope-Seq, X-Trackscope-Findings"))
    }

    /// The answer to an `OPTIONS` preflight for `endpoint`: an allowance only when it is open.
    static func preflight(for endpoint: CollectorEndpoint, origin: String?, requestedHeaders: String?) -> Response {
        var headers = HTTPFields()
        headers[.contentLength] = "0"
        guard isOpen(endpoint) else { return Response(status: .noContent, headers: headers) }
        apply(to: &headers, origin: origin)
        headers[allowMethods] = "GET, POST, PUT, DELETE, OPTIONS"
        headers[allowHeaders] = requestedHeaders.flatMap { $0.isEmpty ? nil : $0 } ?? "Content-Type, Authorization"
        headers[maxAge] = "600"
        return Response(status: .noContent, headers: headers)
    }
}
