import ArgumentParser
import CaptureLog
import Foundation
import Sender
import TerminalApp
import TrackingModel

/// `trackscope send`: builds events (from files, standard input or a template), edits and
/// converts them, validates them, sends them to a collect endpoint (the local collector by
/// default) and records every exchange in the capture log as a `sent` record.
struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send events (files, JSON Lines, a template) to a collect endpoint and record each exchange.",
        discussion: """
            Events are validated first: one with an error finding is not sent (exit status 1) \
            unless --force. v2 and v1 events go to POST {base}/events?tc_s=SITE with the key as \
            token=, legacy ones to POST {base}/v2/SITE/events with Authorization: Bearer, --batch \
            to POST {base}/events/batch?tc_s=SITE in as many requests as the size limits need. The \
            key is read from the environment variable named by --key-env, never from an argument, \
            and never written in clear. Every attempt is a sent record in the capture log. The exit \
            status is 3 when a request was refused (not 2xx) or got no answer, 2 when the input, the \
            target or the log cannot be used.
            """
    )

    @Argument(help: ArgumentHelp("Files of events (a document, an array, a batch body or JSON Lines); - or nothing reads standard input.", valueName: "file"))
    var files: [String] = []

    @Option(help: ArgumentHelp("Send the annotated example of a standard event instead of files (see `trackscope examples`).", valueName: "event"))
    var template: String?

    @OptionGroup var editing: EventEditOptions

    @Option(help: "Send in this dialect (legacy, v1, v2), converting events that are in another; it also picks the endpoint. Default: each event's own.")
    var dialect: DialectArgument?

    @Option(help: ArgumentHelp("Where to send: a base URL, or an event endpoint's URL (its site is used).", valueName: "url"))
    var to: String = "http://127.0.0.1:8080"

    @Option(help: "The site id (tc_s, or /v2/SITE/events for legacy).")
    var site: String?

    @Option(name: .customLong("key-env"), help: ArgumentHelp("The environment variable that holds the source key.", valueName: "name"))
    var keyEnvironmentVariable: String?

    @Flag(help: "Send the events to the batch endpoint, split into requests within the size limits.")
    var batch = false

    @Flag(help: "Send events even when they have error findings.")
    var force = false

    @Option(help: ArgumentHelp("How long one attempt may take, in seconds.", valueName: "seconds"))
    var timeout: Double = 10

    @Option(help: "Try again this many times after a failure (no answer, 5xx, 429), waiting 100 ms, 200 ms, 400 ms, ... (at most 5 s).")
    var retries: Int = 0

    @OptionGroup var logLocation: LogLocationOptions

    @Flag(help: "Print info findings and the answer's headers too.")
    var verbose = false

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be more than 0 seconds.") }
        guard retries >= 0 else { throw ValidationError("--retries cannot be negative.") }
        if template != nil && !files.isEmpty {
            throw ValidationError("Give files or --template, not both.")
        }
    }

    func run() async throws {
        let (target, targetSite) = try readTarget()
        let events = try prepareEvents()
        guard !events.isEmpty else { Self.fail("trackscope send: no event to send") }
        let siteId = try resolveSite(targetSite)
        let sourceKey = try readKey(site: siteId)

        // Validate first: the findings of every event, then the gate.
        var requests = buildRequests(events, target: target, siteId: siteId, sourceKey: sourceKey)
        let findingsText = ValidationReportPrinter.text(events.map { ($0.label, $0.report) }, includeInfo: verbose)
        if !findingsText.isEmpty { print(findingsText) }
        let errorCount = events.reduce(0) { $0 + $1.report.allFindings.filter { $0.severity == .error }.count }
            + requests.oversized.count
        for index in requests.oversized {
            print("\(TerminalSafeText.escaped(events[index].label)): error: the event is \(events[index].body.count) bytes; an event of a batch may have at most \(RequestLimits.eventInBatchBytes) [\(PayloadInspector.Code.eventTooLarge)]")
        }
        if errorCount > 0 && !force {
            Self.say(ValidationReportPrinter.summary(events.map { ($0.label, $0.report) })
                     + ": nothing sent (--force sends events with errors)")
            throw ExitCode(1)
        }
        if force, !requests.oversized.isEmpty {
            // Forced: each oversized event goes alone, for the target to answer.
            for index in requests.oversized {
                requests.list.append(target.request(
                    body: BatchSplitter.body([events[index].body]), kind: .batch, dialect: events[index].dialect,
                    siteId: siteId, sourceKey: sourceKey, userAgent: Self.userAgent))
            }
        }

        let writer: CaptureLogWriter
        do {
            writer = try CaptureLogWriter(url: logLocation.url)
        } catch {
            Self.fail("trackscope send: cannot open the capture log \(logLocation.url.path): \(error)")
        }
        for warning in writer.openingWarnings { Self.say("trackscope send: \(warning)") }
        let sender = Sender(log: writer, timeout: .milliseconds(Int((timeout * 1000).rounded())),
                            retryPolicy: RetryPolicy(retries: retries))
        var outcome = Outcome()
        for request in requests.list {
            print("→ \(request.method) \(TerminalSafeText.escaped(request.safeURL))  \(Self.describe(request))")
            let form: PayloadForm = request.kind == .batch ? .batch : .event
            let findings = PayloadInspector.inspect(bytes: request.body, form: form).allFindings
            let verbose = self.verbose
            let retries = self.retries
            let attempts = await sender.send(request, findings: findings) { attempt, delay in
                Self.printAttempt(attempt, of: retries + 1, nextDelay: delay, verbose: verbose)
            }
            outcome.add(attempts)
        }
        await sender.shutdown()
        do { try await writer.close() } catch { outcome.logFailures.append(String(describing: error)) }

        Self.say(outcome.summary(log: logLocation.url.path))
        for failure in outcome.logFailures { Self.say("trackscope send: could not record in the capture log: \(failure)") }
        if outcome.failedRequests > 0 { throw ExitCode(3) }
        if !outcome.logFailures.isEmpty { throw ExitCode(2) }
    }

    // MARK: - Target, site, key

    private func readTarget() throws -> (SendTarget, String?) {
        do {
            return try SendTarget.reading(to, keyEnvironmentVariable: keyEnvironmentVariable)
        } catch {
            Self.fail("trackscope send: --to \(TerminalSafeText.escaped(to)): \(error)")
        }
    }

    private func resolveSite(_ fromTarget: String?) throws -> String {
        if let site, !site.isEmpty { return site }
        if let fromTarget { return fromTarget }
        Self.fail("trackscope send: which site? Give --site SITE (or a --to URL that names it, such as .../events?tc_s=SITE).")
    }

    /// The key `--key-env` names, else the settings file's key for `site` (or for every site).
    private func readKey(site: String) throws -> String? {
        do {
            return try SourceKeyChoice.read(variable: keyEnvironmentVariable, target: to,
                                            setting: RunSettings.current().sourceKey(forSite: site),
                                            describe: { "for site \($0.site)" })
        } catch {
            Self.fail("trackscope send: \(error.message)")
        }
    }

    // MARK: - Events

    /// One event ready to go: its bytes as sent and its findings.
    struct OutgoingEvent {
        /// What findings are named after: the file (findings placed in it) or `FILE event N as sent`.
        var label: String
        var body: [UInt8]
        var dialect: Dialect
        var name: String?
        var report: PayloadReport
    }

    private func prepareEvents() throws -> [OutgoingEvent] {
        let edits: [JSONEdit]
        do { edits = try editing.edits() } catch { Self.fail("trackscope send: \(error)") }
        let targetDialect = dialect?.dialect

        if let template {
            guard let example = SpecCatalogue.example(for: template, dialect: targetDialect ?? .v2) else {
                var message = "trackscope send: \"\(TerminalSafeText.escaped(template))\" is not a standard event."
                if let suggestion = NameSuggester.suggestion(for: template, among: SpecCatalogue.standardEventNames) {
                    message += " Did you mean \"\(suggestion)\"?"
                }
                Self.fail(message + " Run `trackscope examples` for the list.")
            }
            var value = example.value
            applying(edits, to: &value, label: "template \(template)")
            return [outgoing(value, label: "template \(template)")]
        }

        var events: [OutgoingEvent] = []
        for file in files.isEmpty ? ["-"] : files {
            let input: EventInput
            do { input = try EventInput.read(file) } catch {
                Self.fail("trackscope send: cannot read \(file): \(error.localizedDescription)")
            }
            if input.documentError != nil || input.events.contains(where: { $0.value == nil }) {
                guard edits.isEmpty && targetDialect == nil else {
                    let error = input.documentError ?? input.events.first { $0.value == nil }?.parseError
                    Self.fail((error.map(input.located) ?? input.name) + "\ntrackscope send: cannot edit or convert what is not JSON.")
                }
            }
            if let error = input.documentError {
                // Not JSON: sent as it is, only with --force (its finding refuses it otherwise).
                let report = PayloadReport(shape: .event, events: [], findings: [error], byteCount: input.bytes.count)
                events.append(OutgoingEvent(label: input.name, body: input.bytes, dialect: .unknown, name: nil, report: report))
                continue
            }
            for (index, event) in input.events.enumerated() {
                let number = input.events.count == 1 ? "" : " event \(index + 1)"
                guard var value = event.value else {
                    let report = PayloadReport(shape: .event, events: [], findings: event.parseError.map { [$0] } ?? [], byteCount: event.bytes.count)
                    events.append(OutgoingEvent(label: input.name, body: event.bytes, dialect: .unknown, name: nil, report: report))
                    continue
                }
                var changed = false
                if let targetDialect, event.dialect != targetDialect {
                    let conversion = DialectConverter.convert(value, from: event.dialect, to: targetDialect)
                    if conversion.changedShape {
                        Self.say("\(TerminalSafeText.escaped(input.name)):\(event.line): converted from \(event.dialect.rawValue) to \(targetDialect.rawValue)")
                        for change in conversion.changes where !EventEditOptions.supply(change, in: edits) {
                            Self.say("\(TerminalSafeText.escaped(input.name)):\(event.line):   \(ConvertCommand.describe(change))")
                        }
                    }
                    changed = conversion.value != value
                    value = conversion.value
                }
                if !edits.isEmpty {
                    applying(edits, to: &value, label: "\(input.name):\(event.line)")
                    changed = true
                }
                if changed {
                    events.append(outgoing(value, label: "\(input.name)\(number) as sent"))
                } else {
                    // Sent byte for byte as written; findings placed in the file.
                    let inspected = InspectedEvent(value: value, dialect: event.dialect, findings: event.findings,
                                                   byteRange: 0..<event.bytes.count, line: event.line)
                    let report = PayloadReport(shape: .event, events: [inspected], findings: [], byteCount: event.bytes.count)
                    events.append(OutgoingEvent(label: input.name, body: event.bytes, dialect: event.dialect,
                                                name: NormalizedEvent(value, dialect: event.dialect).name, report: report))
                }
            }
        }
        return events
    }

    private func applying(_ edits: [JSONEdit], to value: inout JSONValue, label: String) {
        for edit in edits {
            do {
                if try !edit.apply(to: &value) {
                    Self.say("\(TerminalSafeText.escaped(label)): nothing to \(TerminalSafeText.escaped(edit.description))")
                }
            } catch {
                Self.fail("trackscope send: \(TerminalSafeText.escaped(label)): cannot \(TerminalSafeText.escaped(edit.description)): \(TerminalSafeText.escaped(error.message))")
            }
        }
    }

    /// An event built here (template, edited or converted): printed compact, validated as sent.
    private func outgoing(_ value: JSONValue, label: String) -> OutgoingEvent {
        let body = Array(JSONPrinter.compact(value).utf8)
        let report = PayloadInspector.inspect(bytes: body, form: .event)
        let dialect = report.events.first?.dialect ?? DialectDetector.detect(value)
        return OutgoingEvent(label: label, body: body, dialect: dialect, name: NormalizedEvent(value, dialect: dialect).name,
                             report: report)
    }

    // MARK: - Requests

    private func buildRequests(_ events: [OutgoingEvent], target: SendTarget, siteId: String, sourceKey: String?)
        -> (list: [EventRequest], oversized: [Int]) {
        guard batch else {
            return (events.map {
                target.request(body: $0.body, kind: .event, dialect: $0.dialect, siteId: siteId, sourceKey: sourceKey,
                               userAgent: Self.userAgent)
            }, [])
        }
        let (batches, oversized) = BatchSplitter.split(events.map(\.body))
        let requests = batches.map { batch in
            let dialects = Set(batch.eventIndices.map { events[$0].dialect })
            return target.request(body: batch.body, kind: .batch, dialect: dialects.count == 1 ? dialects.first : nil,
                                  siteId: siteId, sourceKey: sourceKey, eventCount: batch.eventIndices.count,
                                  userAgent: Self.userAgent)
        }
        return (requests, oversized)
    }

    static let userAgent = "trackscope/\(TrackscopeVersion.current)"

    // MARK: - Output

    /// `purchase (v2, 1 event, 812 bytes)`, `batch of 40 events (512000 bytes)`.
    static func describe(_ request: EventRequest) -> String {
        let dialect = request.dialect.map { "\($0.rawValue), " } ?? ""
        if request.kind == .batch {
            return "batch (\(dialect)\(request.eventCount) event\(request.eventCount == 1 ? "" : "s"), \(request.body.count) bytes)"
        }
        let name = (try? JSONParser.parseValue(request.body)).flatMap { CaptureRecord.eventName(of: $0) } ?? "event"
        return "\(TerminalSafeText.escaped(name)) (\(dialect)\(request.body.count) bytes)"
    }

    static func printAttempt(_ attempt: SendAttempt, of allowed: Int, nextDelay: Duration?, verbose: Bool) {
        let tries = allowed > 1 ? " (attempt \(attempt.number) of \(allowed))" : ""
        let seq = attempt.record.map { "  [record \($0.sequence)]" } ?? ""
        if let response = attempt.response {
            let body = TerminalSafeText.escaped(bytes: response.body, keepNewlines: false)
            print("← \(response.status) in \(String(format: "%.1f", attempt.latencyMilliseconds)) ms\(tries)\(seq)  \(body)")
            if verbose {
                for header in response.headers {
                    print("    \(TerminalSafeText.escaped(header.name)): \(TerminalSafeText.escaped(header.value))")
                }
            }
        } else {
            print("✗ no answer: \(TerminalSafeText.escaped(attempt.failure ?? "unknown failure")) after \(String(format: "%.1f", attempt.latencyMilliseconds)) ms\(tries)\(seq)")
        }
        if let logFailure = attempt.logFailure {
            print("  not recorded: \(TerminalSafeText.escaped(logFailure))")
        }
        if let nextDelay {
            let milliseconds = nextDelay.components.seconds * 1000 + nextDelay.components.attoseconds / 1_000_000_000_000_000
            print("  retrying in \(milliseconds) ms")
        }
    }

    /// Counts over the whole run.
    struct Outcome {
        var requests = 0
        var accepted = 0
        var refused = 0
        var unanswered = 0
        var attempts = 0
        var events = 0
        var logFailures: [String] = []

        var failedRequests: Int { refused + unanswered }

        mutating func add(_ attempts: [SendAttempt]) {
            guard let last = attempts.last else { return }
            requests += 1
            events += last.request.eventCount
            self.attempts += attempts.count
            if last.succeeded { accepted += 1 } else if last.response != nil { refused += 1 } else { unanswered += 1 }
            logFailures += attempts.compactMap(\.logFailure)
        }

        func summary(log: String) -> String {
            "\(requests) request\(requests == 1 ? "" : "s") (\(events) event\(events == 1 ? "" : "s"), \(attempts) attempt\(attempts == 1 ? "" : "s")): "
                + "\(accepted) accepted, \(refused) refused, \(unanswered) unanswered; recorded in \(TerminalSafeText.escaped(log))"
        }
    }

    static func say(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func fail(_ message: String) -> Never {
        say(message)
        Self.exit(withError: ExitCode(2))
    }
}
