import CaptureLog
import Foundation
import Sender
import Synchronization
import TerminalUI
import TrackingModel

/// The effects of the inspector's compose, send and replay, done as `trackscope send` and
/// `trackscope replay` do them: texts from the spec catalogue's templates or from records,
/// validation by `PayloadInspector`, sending through one `Sender` (connections reused) whose
/// `sent` records go to the capture log the UI follows, replays through `Replayer`.
///
/// The key is read once from the variable `--key-env` names; it is sent, never shown or written.
public final class InspectorEffects: Sendable {
    public let logURL: URL
    public let keyVariable: String?
    public let editor: ExternalEditor?
    private let sourceKey: String?
    private let userAgent: String
    private let timeout: Duration
    private let sender = Mutex<(sender: Sender, writer: CaptureLogWriter)?>(nil)

    /// - Parameters:
    ///   - logURL: the capture log `sent` records are appended to (the one the UI follows).
    ///   - keyVariable: the environment variable holding the source key.
    ///   - environment: where the key and the editor are read from.
    public init(logURL: URL, keyVariable: String?, environment: [String: String], userAgent: String,
                timeout: Duration = .seconds(10)) {
        self.logURL = logURL
        self.keyVariable = keyVariable
        self.sourceKey = SendTarget(baseURL: "", keyEnvironmentVariable: keyVariable).sourceKey(in: environment)
        self.editor = ExternalEditor(environment: environment)
        self.userAgent = userAgent
        self.timeout = timeout
    }

    /// What the UI shows of these settings.
    public func configure(_ state: inout EffectsState) {
        state.keyVariable = keyVariable
        state.isKeySet = sourceKey != nil
        state.hasExternalEditor = editor != nil
    }

    // MARK: - Texts

    /// The text to edit for `source`, and the site of the record it came from.
    public func text(for composeSource: ComposeSource, records: any RecordSource) async -> (text: String, siteId: String?)? {
        switch composeSource {
        case .text(let text):
            return (text, nil)
        case .template(let name):
            guard let example = SpecCatalogue.example(for: name, dialect: .v2) else { return nil }
            return (example.renderPlain() + "\n", nil)
        case .record(let index):
            guard let record = try? await records.record(at: index) else { return nil }
            let body = record.requestBodyToResend
            if let value = try? JSONParser.parseValue(body) {
                return (JSONPrinter.pretty(value) + "\n", record.siteId)
            }
            return (String(decoding: body, as: UTF8.self), record.siteId)
        }
    }

    /// `text` validated as `trackscope validate` reads a file.
    public static func validate(_ text: String) -> PayloadReport {
        PayloadInspector.inspect(bytes: Array(text.utf8), form: .automatic)
    }

    // MARK: - Send

    /// Sends `text` to `target` for `siteId` (or the target URL's site); waits until the `sent`
    /// record is in the log and the source shows it, to name its index.
    public func send(text: String, target targetText: String, siteId: String, records: any RecordSource) async -> AppEffectResult {
        let body = Array(text.utf8)
        let report = Self.validate(text)
        let kind: EventRequest.Kind
        switch report.shape {
        case .event: kind = .event
        case .batch: kind = .batch
        case .array, .jsonLines:
            return .sendRefused(message: "send one event, or a {\"batch\": [...]} body: this holds \(report.events.count) events one after another")
        }
        let parsed: (target: SendTarget, siteId: String?)
        do {
            parsed = try SendTarget.reading(targetText.trimmingCharacters(in: .whitespaces), keyEnvironmentVariable: keyVariable)
        } catch {
            return .sendRefused(message: "target \(TerminalSafeText.escaped(targetText)): \(error) (t changes it)")
        }
        let (target, targetSite) = parsed
        let site = siteId.isEmpty ? targetSite : siteId
        guard let site, !site.isEmpty else {
            return .sendRefused(message: "which site? i sets the site id (or give a target URL with ?tc_s=SITE)")
        }
        let dialects = Set(report.events.map(\.dialect))
        let request = target.request(body: body, kind: kind, dialect: dialects.count == 1 ? dialects.first : nil, siteId: site,
                                     sourceKey: sourceKey, eventCount: max(1, report.events.count), userAgent: userAgent)
        let form: PayloadForm = kind == .batch ? .batch : .event
        let findings = PayloadInspector.inspect(bytes: body, form: form).allFindings
        let sender: Sender
        do { sender = try shared().sender } catch {
            return .sendRefused(message: "cannot open the capture log \(logURL.path): \(error)")
        }
        let attempts = await sender.send(request, findings: findings)
        guard let last = attempts.last else { return .sendRefused(message: "nothing was sent") }
        var index: Int?
        if let sequence = last.record?.sequence { index = await Self.index(of: sequence, in: records) }
        return .sent(status: last.response?.status, failure: last.failure ?? last.logFailure.map { "not recorded: \($0)" },
                     latencyMilliseconds: last.latencyMilliseconds, sentRecordIndex: index, sequence: last.record?.sequence)
    }

    /// The index of the record numbered `sequence`, looked for among the newest records while the
    /// source catches up with the log (at most `wait`).
    static func index(of sequence: UInt64, in records: any RecordSource, wait: Duration = .seconds(3)) async -> Int? {
        let deadline = ContinuousClock.now.advanced(by: wait)
        repeat {
            if let count = try? await records.count() {
                for index in stride(from: count - 1, through: max(0, count - 64), by: -1) {
                    guard let record = try? await records.record(at: index) else { continue }
                    if record.sequence == sequence { return index }
                    if record.sequence < sequence { break }
                }
            }
            try? await Task.sleep(for: .milliseconds(50))
        } while ContinuousClock.now < deadline
        return nil
    }

    // MARK: - Replay

    static let replayConcurrencies = 1...64
    static let replayRetries = 0...10

    /// Replays the records at `indexes` by `order`, telling `progress` as requests end.
    public func replay(_ indexes: [Int], order: ReplayOrder, records: any RecordSource,
                       progress: @escaping @Sendable (AppEffectResult) -> Void) async -> AppEffectResult {
        var pacing = ReplayPacing.unpaced
        if !order.rate.isEmpty {
            guard let rate = ReplayPacing.rate(parsing: order.rate) else {
                return .replayRefused(message: "rate \(order.rate): write 50/s, 300/m or 1000/h")
            }
            pacing = rate
        }
        var shift: ReplayTransform.TimeShift?
        if !order.shiftTime.isEmpty {
            guard let parsed = ReplayTransform.TimeShift(parsing: order.shiftTime) else {
                return .replayRefused(message: "shift time \(order.shiftTime): write now, or +2h, -30m, +90s, +1d")
            }
            shift = parsed
        }
        var concurrency = Replayer.defaultConcurrency
        if !order.concurrency.isEmpty {
            guard let parsed = Int(order.concurrency.trimmingCharacters(in: .whitespaces)), Self.replayConcurrencies.contains(parsed) else {
                return .replayRefused(message: "concurrency \(order.concurrency): write a number from 1 to \(Self.replayConcurrencies.upperBound)")
            }
            concurrency = parsed
        }
        var retries = 0
        if !order.retries.isEmpty {
            guard let parsed = Int(order.retries.trimmingCharacters(in: .whitespaces)), Self.replayRetries.contains(parsed) else {
                return .replayRefused(message: "retries \(order.retries): write a number from 0 to \(Self.replayRetries.upperBound)")
            }
            retries = parsed
        }
        var dialect: Dialect?
        if !order.convert.isEmpty {
            guard let parsed = Dialect(rawValue: order.convert.lowercased()), parsed != .unknown else {
                return .replayRefused(message: "convert \(order.convert): write legacy, v1 or v2")
            }
            dialect = parsed
        }
        let parsed: (target: SendTarget, siteId: String?)
        do {
            parsed = try SendTarget.reading(order.target.trimmingCharacters(in: .whitespaces), keyEnvironmentVariable: keyVariable)
        } catch {
            return .replayRefused(message: "target \(TerminalSafeText.escaped(order.target)): \(error)")
        }
        let (target, targetSite) = parsed
        var selected: [CaptureRecord] = []
        for index in indexes {
            if let record = try? await records.record(at: index), SendTarget.isReplayable(record) { selected.append(record) }
        }
        guard !selected.isEmpty else {
            return .replayRefused(message: "none of the \(indexes.count) record(s) is a received event request (only those replay)")
        }
        let transform = ReplayTransform(freshIds: order.freshIds, timeShift: shift,
                                        testCode: order.testCode.isEmpty ? nil : order.testCode,
                                        siteId: order.siteId.isEmpty ? targetSite : order.siteId, dialect: dialect)
        // A sender of its own (its retries, a connection per request in flight), writing to the
        // same log through the shared writer; closed when the replay ends.
        let sender: Sender
        do {
            sender = Sender(log: try shared().writer, timeout: timeout, retryPolicy: RetryPolicy(retries: retries),
                            connectionsPerHost: concurrency)
        } catch {
            return .replayRefused(message: "cannot open the capture log \(logURL.path): \(error)")
        }
        let replayer = Replayer(sender: sender, pacing: pacing, concurrency: concurrency)
        let build = Replayer.requestBuilder(target: target, transform: transform, sourceKey: sourceKey, userAgent: userAgent)
        let summary = await replayer.run(selected, request: build) { summary, _ in
            progress(.replayProgress(done: summary.done, total: summary.total, failed: summary.failed))
        }
        await sender.shutdown()
        let skipped = indexes.count - selected.count
        var text = summary.lines.first ?? ""
        if skipped > 0 { text += "; \(skipped) skipped (not received events)" }
        return .replayFinished(summary: text, failed: summary.failed)
    }

    // MARK: - Sender

    /// The sender of `send`, and the log writer every sender of the UI records through (one
    /// writer per log file), made when first needed.
    private func shared() throws -> (sender: Sender, writer: CaptureLogWriter) {
        try sender.withLock { shared in
            if let shared { return shared }
            let writer = try CaptureLogWriter(url: logURL)
            let made = (sender: Sender(log: writer, timeout: timeout), writer: writer)
            shared = made
            return made
        }
    }

    /// Closes the sender's connections and the log writer.
    public func shutdown() async {
        guard let shared = sender.withLock({ shared in defer { shared = nil }; return shared }) else { return }
        await shared.sender.shutdown()
        try? await shared.writer.close()
    }
}
