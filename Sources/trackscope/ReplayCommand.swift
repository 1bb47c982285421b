import ArgumentParser
import CaptureLog
import Dispatch
import Foundation
import Sender
import TerminalApp
import Synchronization
import TrackingModel

/// `trackscope replay [QUERY]`: sends the received event records a filter selects again, in
/// their order, to a target (the local collector by default), paced by concurrency, a rate or the
/// recorded timing, optionally transformed; records every attempt as a `sent` record naming its
/// source, and ends with a summary (answers by status, latency percentiles, failures).
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Send captured events again (those a filter selects), paced and optionally transformed; record each exchange.",
        discussion: """
            Replays the received event records (POST /events, /events/batch, /v2/SITE/events) that \
            QUERY selects (the filter language; none: all of them) in their order. A batch request's \
            events, recorded one per record, each go as a batch of one. With no transform the body \
            sent is byte for byte the recorded one. The key is read from the environment variable \
            named by --key-env. Exit status: 0 when every request was accepted, 3 when one was \
            refused or got no answer, 2 when the query, the target or the log cannot be used, 130 \
            when interrupted (Ctrl-C: the requests in flight are cancelled and recorded).
            """
    )

    @Argument(help: ArgumentHelp("The filter query selecting the records (default: every received event record).", valueName: "query"))
    var query: String?

    @Option(help: ArgumentHelp("Where to send: a base URL, or an event endpoint's URL (its site is used).", valueName: "url"))
    var to: String = "http://127.0.0.1:8080"

    @Option(name: .customLong("key-env"), help: ArgumentHelp("The environment variable that holds the source key.", valueName: "name"))
    var keyEnvironmentVariable: String?

    @Option(help: "The most requests in flight at once.")
    var concurrency: Int = Replayer.defaultConcurrency

    @Option(help: ArgumentHelp("Send at this rate on the long run: 50/s, 300/m, 1000/h.", valueName: "rate"))
    var rate: String?

    @Flag(name: .customLong("as-recorded"), help: "Keep the recorded gaps between requests.")
    var asRecorded = false

    @Option(help: ArgumentHelp("With --as-recorded, this many times faster: 10x, 0.5x.", valueName: "factor"))
    var speed: String?

    @Flag(name: .customLong("fresh-ids"), help: "Give every event a new event id (context.event_id, event_id or eventId).")
    var freshIds = false

    // Unconditional: `--shift-time -30m` is a value, not an unknown flag.
    @Option(name: .customLong("shift-time"), parsing: .unconditional, help: ArgumentHelp("Move every event timestamp: now, or by +2h, -30m, +90s, +1d, -500ms (each keeps its form).", valueName: "now|offset"))
    var shiftTime: String?

    @Option(name: .customLong("test-code"), help: ArgumentHelp("Set test_code (root in v2, properties in legacy and v1).", valueName: "code"))
    var testCode: String?

    @Option(help: "Send for this site instead of the recorded one.")
    var site: String?

    @Option(help: "Convert every event to this dialect (legacy, v1, v2) before sending.")
    var convert: DialectArgument?

    @Flag(name: .customLong("dry-run"), help: "Print the curl commands that would replay the records, and send nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("How long one attempt may take, in seconds.", valueName: "seconds"))
    var timeout: Double = 10

    @Option(help: "Try again this many times after a failure (no answer, 5xx, 429), waiting 100 ms, 200 ms, 400 ms, ... (at most 5 s).")
    var retries: Int = 0

    @OptionGroup var logLocation: LogLocationOptions

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be more than 0 seconds.") }
        guard retries >= 0 else { throw ValidationError("--retries cannot be negative.") }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1.") }
        if rate != nil && asRecorded { throw ValidationError("Give --rate or --as-recorded, not both.") }
        if let rate, ReplayPacing.rate(parsing: rate) == nil {
            throw ValidationError("--rate \(rate): write a positive rate such as 50/s, 300/m or 1000/h.")
        }
        if let speed {
            guard asRecorded else { throw ValidationError("--speed goes with --as-recorded.") }
            guard ReplayPacing.speed(parsing: speed) != nil else {
                throw ValidationError("--speed \(speed): write a positive factor such as 10x or 0.5x.")
            }
        }
        if let shiftTime, ReplayTransform.TimeShift(parsing: shiftTime) == nil {
            throw ValidationError("--shift-time \(shiftTime): write now, or a signed offset such as +2h, -30m, +90s, +1d, -500ms.")
        }
    }

    func run() async throws {
        let filter = LogCommand.parseQuery(query ?? "")
        let (target, targetSite) = readTarget()
        let transform = ReplayTransform(
            freshIds: freshIds, timeShift: shiftTime.flatMap(ReplayTransform.TimeShift.init(parsing:)),
            testCode: testCode, siteId: site ?? targetSite, dialect: convert?.dialect)

        // The selection is read whole before anything is sent: records the replay itself adds to
        // the log (or a collector writing the same log adds) are not replayed again.
        var records: [CaptureRecord] = []
        guard FileManager.default.fileExists(atPath: logLocation.url.path) else {
            Self.fail("trackscope replay: there is no capture log at \(logLocation.url.path)")
        }
        let files = LogFiles.open(logLocation)
        let scanned = try files.scan(matching: filter) { record in
            if SendTarget.isReplayable(record) { records.append(record) }
        }
        if scanned.corrupt > 0 { Self.say("trackscope replay: warning: skipped \(scanned.corrupt) corrupt record line(s)") }
        guard !records.isEmpty else {
            Self.say("trackscope replay: no received event record matches\(query.map { " \"\(TerminalSafeText.escaped($0))\"" } ?? "") in \(logLocation.url.path)")
            return
        }

        if dryRun {
            printCurlCommands(records, target: target, transform: transform)
            return
        }
        let sourceKey = readKey()
        let writer: CaptureLogWriter
        do {
            writer = try CaptureLogWriter(url: logLocation.url)
        } catch {
            Self.fail("trackscope replay: cannot open the capture log \(logLocation.url.path): \(error)")
        }
        for warning in writer.openingWarnings { Self.say("trackscope replay: \(warning)") }
        let sender = Sender(log: writer, timeout: .milliseconds(Int((timeout * 1000).rounded())),
                            retryPolicy: RetryPolicy(retries: retries), connectionsPerHost: concurrency)
        let replayer = Replayer(sender: sender, pacing: pacing, concurrency: concurrency)
        let build = Replayer.requestBuilder(target: target, transform: transform, sourceKey: sourceKey,
                                            userAgent: SendCommand.userAgent)
        let progress = ProgressLine(enabled: isatty(2) == 1)

        // Ctrl-C cancels the run: no new request starts, those in flight are cancelled and recorded.
        signal(SIGINT, SIG_IGN)
        let run = Task { await replayer.run(records, request: build, progress: progress.report) }
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupt.setEventHandler { run.cancel() }
        interrupt.resume()
        var summary = await run.value
        interrupt.cancel()
        progress.finish()

        await sender.shutdown()
        do { try await writer.close() } catch { summary.noteLogFailure(String(describing: error)) }
        for line in summary.lines { print(line) }
        print("recorded in \(TerminalSafeText.escaped(logLocation.url.path))")
        for failure in Set(summary.logFailures) { Self.say("trackscope replay: could not record in the capture log: \(failure)") }
        if summary.interrupted { throw ExitCode(130) }
        if summary.failed > 0 { throw ExitCode(3) }
        if !summary.logFailures.isEmpty { throw ExitCode(2) }
    }

    private var pacing: ReplayPacing {
        if let rate, let pacing = ReplayPacing.rate(parsing: rate) { return pacing }
        if asRecorded { return .asRecorded(speed: speed.flatMap(ReplayPacing.speed(parsing:)) ?? 1) }
        return .unpaced
    }

    /// `--dry-run`: one curl command a line, the key as `${VAR}` of `--key-env`.
    private func printCurlCommands(_ records: [CaptureRecord], target: SendTarget, transform: ReplayTransform) {
        // A stand-in key puts the token (or the Authorization header) where a real one goes; the
        // export writes the variable in its place.
        let placeholder = keyEnvironmentVariable == nil ? nil : "dry-run-key"
        var output = StandardOutput()
        for record in records {
            let request = target.replayRequest(
                for: record, transform: transform, sourceKey: placeholder,
                nowMilliseconds: ISOTime.milliseconds(Date()), newId: { UUID().uuidString.lowercased() },
                userAgent: SendCommand.userAgent)
            let sent = request.record(time: Date(), response: nil, findings: [], sourceSequence: record.sequence)
            let command = CaptureExport.curl(sent, keyVariable: keyEnvironmentVariable ?? CaptureExport.keyVariable)
            output.write(Array((command + "\n").utf8))
        }
        output.flush()
    }

    // MARK: - Target and key

    private func readTarget() -> (SendTarget, String?) {
        do {
            return try SendTarget.reading(to, keyEnvironmentVariable: keyEnvironmentVariable)
        } catch {
            Self.fail("trackscope replay: --to \(TerminalSafeText.escaped(to)): \(error)")
        }
    }

    /// The key `--key-env` names, else the settings file's key for every site (`"*"`), if any.
    private func readKey() -> String? {
        do {
            return try SourceKeyChoice.read(variable: keyEnvironmentVariable, target: to,
                                            setting: RunSettings.current().sourceKeys.first { $0.site == "*" },
                                            describe: { _ in "for every site" })
        } catch {
            Self.fail("trackscope replay: \(error.message)")
        }
    }

    static func say(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func fail(_ message: String) -> Never {
        say(message)
        Self.exit(withError: ExitCode(2))
    }

    /// The progress line of a replay (a `TerminalProgressLine`): done/total, rate, time left.
    final class ProgressLine: Sendable {
        private let line: TerminalProgressLine

        init(enabled: Bool) { line = TerminalProgressLine(enabled: enabled) }

        var report: @Sendable (ReplaySummary, Duration) -> Void {
            { [line] summary, elapsed in
                line.draw(Self.text(summary, seconds: TerminalProgressLine.seconds(elapsed)), isLast: summary.done >= summary.total)
            }
        }

        static func text(_ summary: ReplaySummary, seconds: Double) -> String {
            let rate = seconds > 0 ? Double(summary.done) / seconds : 0
            let left = rate > 0 ? Int((Double(summary.total - summary.done) / rate).rounded()) : 0
            return "replay: \(summary.done)/\(summary.total)  \(String(format: "%.1f", rate))/s  \(TerminalProgressLine.clock(left)) left"
        }

        func finish() {
            line.finish()
        }
    }
}
