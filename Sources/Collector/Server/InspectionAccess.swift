import TrackingModel

/// Who may use the inspection API (`/_trackscope/*`): the user's own tools (curl, scripts, CI),
/// never a web page of another origin, and never under a stranger's host name.
///
/// The tracking endpoints are open to any page (CORS); the inspection API reads every captured
/// event and resets the log, so it sends no CORS headers and refuses, in this order:
/// - a `Host` that is not a name of the address it listens on (DNS rebinding): 421;
/// - an `Origin` other than its own, or `Sec-Fetch-Site: cross-site` or `same-site` (a page of
///   another origin, CORS-enabled or not, preflight or not): 403;
/// - without the token, when there is one (always when listening beyond loopback): 401.
struct InspectionAccess: Sendable {
    /// The headers of a request that decide.
    struct Request: Sendable {
        /// The `Host` (HTTP/1.1) or `:authority`; nil when the request had none.
        var authority: String?
        var origin: String?
        var fetchSite: String?
        var authorization: String?
    }

    /// Why a request is refused: the answer to give.
    struct Refusal: Sendable, Error {
        var status: Int
        var code: String
        var message: String
    }

    let address: ListenAddress
    let token: InspectionToken?

    /// The refusal for `request`, or nil when it may go on. `port` is the port the collector
    /// listens on (nil while not known).
    func refusal(for request: Request, port: Int?) -> Refusal? {
        if let authority = request.authority, !address.acceptsHost(authority, port: port) {
            return Refusal(status: 421, code: "foreign-host",
                           message: "The inspection API answers only requests addressed to this collector (127.0.0.1, localhost, [::1] or the address it listens on), not to \(authority).")
        }
        if let origin = request.origin, !address.isOwnOrigin(origin, port: port, requestHost: request.authority) {
            return Refusal(status: 403, code: "foreign-origin",
                           message: "The inspection API is not open to web pages of other origins (\(origin)); call it from a script or the command line.")
        }
        if let site = request.fetchSite?.trimmingHTTPWhitespace(),
           site.equalsIgnoringASCIICase("cross-site") || site.equalsIgnoringASCIICase("same-site") {
            return Refusal(status: 403, code: "cross-site-request",
                           message: "The inspection API is not open to web pages of other origins (Sec-Fetch-Site: \(site)); call it from a script or the command line.")
        }
        if let token, !token.isPresented(in: request.authorization) {
            let reason = request.authorization == nil ? "needs" : "was given a wrong token; it needs"
            return Refusal(status: 401, code: "inspection-token-required",
                           message: "The inspection API \(reason) the token printed when the collector started (or the one in --inspect-token-env), as Authorization: Bearer TOKEN.")
        }
        return nil
    }
}
