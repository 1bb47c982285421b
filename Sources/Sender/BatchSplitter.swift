import TrackingModel

/// Groups events into `{"batch":[...]}` bodies that the batch endpoint takes: each body at most
/// `RequestLimits.batchBytes`, each event in it at most `RequestLimits.eventInBatchBytes`, events
/// in their order and byte for byte as given.
public enum BatchSplitter {
    /// One batch body and the events it carries.
    public struct Batch: Sendable, Hashable {
        /// `{"batch":[e1,e2,...]}`.
        public var body: [UInt8]
        /// The indices (in the input) of the events it carries.
        public var eventIndices: [Int]
    }

    static let opening = Array(#"{"batch":["#.utf8)
    static let closing = Array("]}".utf8)

    /// The events in as few bodies as the limits allow (a new body starts when the next event
    /// would not fit). An event larger than `eventBytes` fits in none: its index is in `oversized`.
    public static func split(
        _ events: [[UInt8]], batchBytes: Int = RequestLimits.batchBytes,
        eventBytes: Int = RequestLimits.eventInBatchBytes
    ) -> (batches: [Batch], oversized: [Int]) {
        let frame = opening.count + closing.count
        var batches: [Batch] = []
        var oversized: [Int] = []
        var current: [Int] = []
        var currentSize = frame
        func close() {
            guard !current.isEmpty else { return }
            batches.append(Batch(body: body(current.map { events[$0] }), eventIndices: current))
            current = []
            currentSize = frame
        }
        for (index, event) in events.enumerated() {
            guard event.count <= eventBytes, frame + event.count <= batchBytes else {
                oversized.append(index)
                continue
            }
            let added = event.count + (current.isEmpty ? 0 : 1)
            if currentSize + added > batchBytes { close() }
            currentSize += event.count + (current.isEmpty ? 0 : 1)
            current.append(index)
        }
        close()
        return (batches, oversized)
    }

    /// `{"batch":[...]}` around `events`, each as given.
    public static func body(_ events: [[UInt8]]) -> [UInt8] {
        var body = opening
        for (index, event) in events.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: event)
        }
        body.append(contentsOf: closing)
        return body
    }
}
