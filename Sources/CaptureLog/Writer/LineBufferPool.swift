import Synchronization

/// Byte buffers for encoded log lines: the writer gives them back once their batch is written,
/// and the next appends encode into them. A collected request's line is about 2 KB, beyond what
/// malloc serves from its fast per-thread cache, and it is encoded on one thread and freed on the
/// writer's, so a fresh buffer per line took malloc's slow path twice per request.
///
/// Keeps at most `keptBuffers` buffers of at most `keptCapacity` bytes each.
final class LineBufferPool: Sendable {
    static let shared = LineBufferPool()
    static let keptBuffers = 64
    static let keptCapacity = 16 * 1024

    private let spare = Mutex<[[UInt8]]>([])

    /// An empty buffer with room for at least `capacity` bytes.
    func take(capacity: Int) -> [UInt8] {
        var buffer = spare.withLock { $0.popLast() } ?? []
        buffer.removeAll(keepingCapacity: true)
        buffer.reserveCapacity(capacity)
        return buffer
    }

    /// Keeps the buffers of `lines` for later lines (those not too large, while there is room);
    /// `lines` is left empty. The caller holds the only reference to each buffer (a buffer still
    /// shared would be copied by `take` rather than reused: correct, only slower).
    func recycle(_ lines: inout [[UInt8]]) {
        spare.withLock { spare in
            while spare.count < Self.keptBuffers, let buffer = lines.popLast() {
                if buffer.capacity <= Self.keptCapacity { spare.append(buffer) }
            }
        }
        lines.removeAll()
    }
}
