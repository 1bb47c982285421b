import Hummingbird

/// A request body as the collector keeps it: the first `keep` bytes, and the full size.
struct CollectedBody: Sendable {
    /// The bytes kept (all of them unless the body was larger than the collector keeps).
    var bytes: [UInt8]
    /// The size of the whole body, in bytes.
    var size: Int

    /// Whether the log holds only the start of the body.
    var isTruncated: Bool { size > bytes.count }

    /// Reads `body` to its end, keeping at most `keep` bytes, counting all of them.
    static func collect(_ body: RequestBody, keep: Int) async throws -> CollectedBody {
        var bytes: [UInt8] = []
        var size = 0
        for try await buffer in body {
            let count = buffer.readableBytes
            size += count
            let room = keep - bytes.count
            if room > 0 {
                if bytes.isEmpty { bytes.reserveCapacity(min(keep, count)) }
                buffer.withUnsafeReadableBytes { raw in
                    bytes.append(contentsOf: raw.prefix(room))
                }
            }
        }
        return CollectedBody(bytes: bytes, size: size)
    }
}
