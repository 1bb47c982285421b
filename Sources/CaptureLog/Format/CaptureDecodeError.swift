import TrackingModel

/// Why a line of the capture log (or an imported file) could not be read.
public struct CaptureDecodeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// Byte offset within the decoded text.
    public var offset: Int

    public init(_ message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// The pull reader's error, as the log's.
    public init(_ error: JSONReadError) {
        self.init(error.message, offset: error.offset)
    }

    public var description: String { "\(message) (at byte \(offset))" }
}
