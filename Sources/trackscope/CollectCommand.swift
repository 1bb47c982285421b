import ArgumentParser
import CaptureLog
import Collector
import Foundation
import TerminalApp
import Logging
import Sender

/// `trackscope collect`: a local, faithful, observable copy of the tracking endpoints, headless.
struct CollectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Serve the tracking endpoints locally and record every request in the capture log.",
        discussion: """
        Endpoints: POST /v2/{siteId}/events, POST /events?tc_s=, POST /events/batch?tc_s=, \
        GET/PUT/DELETE /engage/user/, POST /v2/{siteId}/products/bulk. \
        Inspection API: GET /_trackscope/events?q=&limit=, GET /_trackscope/stats, \
        POST /_trackscope/reset, GET /_trackscope/health; for scripts, never for web pages of other \
        origins; on an address other than loopback, only with the inspection token. \
        SIGINT or SIGTERM stop it with every acknowledged record on disk.
        """
    )

    @OptionGroup var logLocation: LogLocationOptions

    @Option(help: "The address to listen on (default: the settings file's, else 127.0.0.1). Anything but loopback opens the collector to the network: it says so at start, and the inspection API then asks for a token.")
    var host: String?

    @Option(help: "The port to listen on; 0 picks a free one, printed (default: the settings file's, else 8080).")
    var port: Int?

    @Flag(help: "Answer 400 for events with error findings and 401 for missing or unknown keys (for CI).")
    var strict = false

    @Option(name: .customLong("source-key"), parsing: .singleValue,
            help: ArgumentHelp("A source key to accept, for every site (KEY) or one (SITE=KEY). Repeatable; replaces the settings file's keys.", valueName: "key"))
    var sourceKeys: [String] = []

    @Option(help: ArgumentHelp("Send every accepted request on to this base URL (e.g. https://collect.commander1.com; default: the settings file's forward.target).", valueName: "url"))
    var forward: String?

    @Option(name: .customLong("forward-key-env"),
            help: ArgumentHelp("The environment variable holding the upstream source key (it replaces the client's).", valueName: "name"))
    var forwardKeyEnvironmentVariable: String?

    @Option(help: ArgumentHelp("fsync (on disk before answering, the default) or os (handed to the system).", valueName: "mode"))
    var durability: String = "fsync"

    @Option(name: .customLong("max-log-size"),
            help: ArgumentHelp("Rotate the log when it would grow past this size: bytes, or 512K, 100M, 2G (five rotated segments are kept).", valueName: "size"))
    var maximumLogSize: ByteCountArgument?

    @Option(name: .customLong("idle-timeout"), help: "Seconds an idle or stalled connection is kept open.")
    var idleTimeout: Int = 30

    @Option(name: .customLong("request-timeout"), help: "Seconds a request's body may take to arrive after its headers.")
    var requestTimeout: Int = 30

    @Option(name: .customLong("max-connections"), help: "Connections above this many are answered 503 and closed.")
    var maximumConnections: Int = 1024

    @OptionGroup var inspection: InspectionTokenOptions

    @Flag(help: "Print the server's own log messages (Hummingbird, forwarding) to standard error.")
    var verbose = false

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535.") }
        guard Durability(rawValue: durability) != nil else { throw ValidationError("--durability is fsync or os.") }
        guard idleTimeout > 0 else { throw ValidationError("--idle-timeout must be positive.") }
        guard requestTimeout > 0 else { throw ValidationError("--request-timeout must be positive.") }
        guard maximumConnections > 0 else { throw ValidationError("--max-connections must be positive.") }
        if let maximumLogSize, maximumLogSize.bytes <= 0 { throw ValidationError("--max-log-size must be positive.") }
        if let forward {
            guard let url = URL(string: forward), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw ValidationError("--forward must be an http or https URL.")
            }
        }
    }

    func run() async throws {
        let settings = RunSettings.current(SettingsOverrides(
            host: self.host, port: self.port, log: logLocation.log, sourceKeys: self.sourceKeys,
            forwardTarget: self.forward, forwardKeyVariable: forwardKeyEnvironmentVariable
        ))
        let (host, port, forward) = (settings.host.value, settings.port.value, settings.forwardTarget.value)
        if settings.forwardKeyVariable.value != nil, forward == nil {
            throw ValidationError("--forward-key-env (or forward.key_env in the settings file) needs --forward (or forward.target).")
        }
        let sourceKeys: [String]
        do {
            sourceKeys = try settings.sourceKeyArguments(environment: RunSettings.environment)
        } catch {
            throw ValidationError("\(error)")
        }
        let logURL = settings.logURL
        let log = try FileCollectorLog(url: logURL, durability: Durability(rawValue: durability) ?? .fsync, maximumSize: maximumLogSize?.bytes)
        for warning in log.openingWarnings { Self.printError("capture log: \(warning)") }

        var logger = Logger(label: "trackscope.collect") { StandardErrorLogHandler(label: $0) }
        logger.logLevel = verbose ? .info : .error

        var forwarder: (any UpstreamForwarder)?
        if let forward {
            let key = try forwardKey(settings.forwardKeyVariable.value)
            forwarder = HTTPForwarder(baseURL: forward, sourceKey: key)
        }
        var configuration = CollectorConfiguration(
            host: host, port: port, strict: strict, sourceKeys: SourceKeys(arguments: sourceKeys),
            idleTimeout: .seconds(idleTimeout), requestTimeout: .seconds(requestTimeout),
            maximumConnections: maximumConnections, inspectionToken: try inspection.token()
        )
        if forwarder != nil { configuration.forwarding = ForwardingConfiguration() }
        let core = CollectorCore(configuration: configuration, log: log, forwarder: forwarder, logger: logger)
        // Events are taken at once; the User and Product APIs and the statistics wait for this.
        core.startRebuildingFromLog()

        let runner = CollectorRunner(core: core)
        let boundPort = try await runner.start(stopOnSignals: true)
        if let warning = inspection.exposureWarning(host: host, port: boundPort, token: core.inspectionToken) {
            Self.printError(warning)
        }
        let logDescription = logURL.path + (maximumLogSize.map { " (rotated at \($0.bytes) bytes, five segments kept)" } ?? "")
        Self.printBanner(host: host, port: boundPort, logDescription: logDescription, forward: forward,
                         tokenRequired: core.inspectionToken != nil)
        try await runner.waitUntilStopped()
    }

    /// The upstream key from the variable `--forward-key-env` (or the settings file) names, nil when none is named.
    private func forwardKey(_ variable: String?) throws -> String? {
        guard let name = variable else { return nil }
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw ValidationError("the forward key variable \(name) is not set (or empty).")
        }
        return value
    }

    static func printBanner(host: String, port: Int, logDescription: String, forward: String?, tokenRequired: Bool) {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let base = "http://\(shownHost):\(port)"
        var text = """
        trackscope collector listening on \(base)
        capture log: \(logDescription)

        """
        if let forward { text += "forwarding to: \(forward)\n" }
        text += """
        inspect: \(tokenRequired ? "curl -s -H 'Authorization: Bearer TOKEN' \(base)/_trackscope/stats (TOKEN: the inspection token)" : "curl -s \(base)/_trackscope/stats")
        try it:
          curl -i -X POST '\(base)/v2/1234/events' -H 'Authorization: Bearer YOUR_SOURCE_KEY' -H 'Content-Type: application/json' --data-binary '\(briefExample)'

        """
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// The product brief's example, corrected (the missing comma added), on one line.
    static let briefExample = #"{"event":"search","eventId":"202110130000000000","properties":{"search_term":"t-shirts","user":{"id":"12345","email":"toto@domain.fr","consent_categories":[1,3]}},"device":{"userAgent":"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/46.0.2490.86 Safari/537.36","ip":"108.0.78.21","cookies":"fbp=123; fbc=456; _ga=GA1.3.593276215.1565602323"},"eventTimestamp":"2015-12-12T19:11:01.249Z"}"#
}
