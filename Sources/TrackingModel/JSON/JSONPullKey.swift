import Foundation

/// An object member's key as `JSONPullReader.readObject` read it (escapes decoded). It points into
/// the reader's input or a temporary buffer: valid only during the callback it is given to.
public struct JSONPullKey {
    /// The key's UTF-8 bytes.
    public let bytes: UnsafeBufferPointer<UInt8>

    public init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Whether the key is exactly `name` (byte for byte).
    @inline(__always)
    public func matches(_ name: StaticString) -> Bool {
        guard name.utf8CodeUnitCount == bytes.count else { return false }
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return true }
        return memcmp(start, name.utf8Start, bytes.count) == 0
    }

    /// The key as a string.
    public var string: String { String(decoding: bytes, as: UTF8.self) }
}
