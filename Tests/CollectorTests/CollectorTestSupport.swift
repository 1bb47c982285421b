import CaptureLog
import Foundation
import TestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TrackingModel
@testable import Collector

/// Builds collectors for tests and reads fixtures.
enum CollectorTestSupport {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    /// A fresh folder for a file log.
    static func temporaryFolder() throws -> URL {
        let folder = TestFolder.make("collector")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs `body` against a collector serving `log` (in memory by default), rebuilt from the log
    /// first unless `waitForRebuild` is false (then it serves while the rebuild runs, as
    /// `trackscope collect` does).
    static func withCollector<Value: Sendable>(
        _ configuration: CollectorConfiguration = CollectorConfiguration(port: 0),
        log: (any CollectorLog)? = nil,
        forwarder: (any UpstreamForwarder)? = nil,
        setup: TestingSetup = .router,
        waitForRebuild: Bool = true,
        _ body: @Sendable (any TestClientProtocol, CollectorCore) async throws -> Value
    ) async throws -> Value {
        let core = CollectorCore(configuration: configuration, log: log ?? MemoryCollectorLog(), forwarder: forwarder)
        if waitForRebuild { try await core.rebuildFromLog() } else { core.startRebuildingFromLog() }
        let app = CollectorServer(core: core).makeApplication()
        return try await app.test(setup) { client in try await body(client, core) }
    }

    /// Occupies `worker` until `release()`: jobs submitted meanwhile wait behind it. Returns once
    /// the worker is busy with it, so that what the test submits next is queued after it.
    static func hold(_ worker: BackgroundWorker) async -> HeldWorker {
        let gate = DispatchSemaphore(value: 0)
        let (entered, signal) = AsyncStream.makeStream(of: Void.self)
        let job = Task {
            try await worker.run { _ in
                signal.yield()
                gate.wait()
            }
        }
        for await _ in entered { break }
        return HeldWorker(gate: gate, job: job)
    }

    struct HeldWorker: Sendable {
        let gate: DispatchSemaphore
        let job: Task<Void, any Error>

        /// Lets the worker go on, and waits until the holding job is done.
        func release() async throws {
            gate.signal()
            try await job.value
        }
    }

    /// Every record of a log.
    static func records(_ log: any CollectorLog) async throws -> [CaptureRecord] {
        try await log.newestRecords(limit: .max, matching: .all).reversed()
    }

    /// A JSON event of exactly `size` bytes: `{"event_name":"search","search_term":"aaa..."}`.
    static func event(ofSize size: Int, name: String = "search") -> [UInt8] {
        let prefix = #"{"event_name":"\#(name)","search_term":""#
        let suffix = #""}"#
        let padding = size - prefix.utf8.count - suffix.utf8.count
        precondition(padding >= 0)
        return Array((prefix + String(repeating: "a", count: padding) + suffix).utf8)
    }

    static func json(_ buffer: ByteBuffer) throws -> JSONValue {
        try JSONParser.parseValue(Array(buffer.readableBytesView))
    }

    static func headers(_ pairs: [(String, String)]) -> HTTPFields {
        var fields = HTTPFields()
        for (name, value) in pairs { fields.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
        return fields
    }

    static let json = headers([("Content-Type", "application/json")])
}
