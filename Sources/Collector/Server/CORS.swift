import HTTPTypes
import Hummingbird

/// Cross-origin headers of the tracking endpoints, so that a web page under development can post
/// events from a browser and read the answers: every answer allows the requesting origin (or `*`
/// when none is given) and exposes the `X-Trackscope-*` headers; preflights are answered 204 and
/// not recorded. The inspection API never sends them (see `InspectionAccess`).
enum CORS {
    static let allowOrigin = HTTPField.Name("Access-Control-Allow-Origin")!
    static let allowMethods = HTTPField.Name("Access-Control-Allow-Methods")!
    static let allowHeaders = HTTPField.Name("Access-Control-Allow-Headers")!
    static let allowCredentials = HTTPField.Name("Access-Control-Allow-Credentials")!
    static let exposeHeaders = HTTPField.Name("Access-Control-Expose-Headers")!
    static let maxAge = HTTPField.Name("Access-Control-Max-Age")!
    static let requestHeaders = HTTPField.Name("Access-Control-Request-Headers")!
    static let vary = HTTPField.Name("Vary")!

    static func apply(to headers: inout HTTPFields, origin: String?) {
        if let origin, !origin.isEmpty {
            headers[allowOrigin] = origin
            headers[allowCredentials] = "true"
            headers[vary] = "Origin"
        } else {
            headers[allowOrigin] = "*"
        }
        headers[exposeHeaders] = "X-Trackscope-Seq, X-Trackscope-Findings"
    }

    /// The answer to an `OPTIONS` preflight.
    static func preflight(origin: String?, requestedHeaders: String?) -> Response {
        var headers = HTTPFields()
        apply(to: &headers, origin: origin)
        headers[allowMethods] = "GET, POST, PUT, DELETE, OPTIONS"
        headers[allowHeaders] = requestedHeaders.flatMap { $0.isEmpty ? nil : $0 } ?? "Content-Type, Authorization"
        headers[maxAge] = "600"
        headers[.contentLength] = "0"
        return Response(status: .noContent, headers: headers)
    }
}
