/// The size limits of the real collect endpoints, the one home of each number: the collector
/// answers by them and the payload inspector reports them. KB here means 1024 bytes, as the real
/// API counts: 32 KB is 32,768 bytes and 500 KB is 512,000.
public enum RequestLimits {
    /// The largest single-event request body, in bytes.
    public static let requestBytes = 32 * 1024
    /// The largest batch request body, in bytes.
    public static let batchBytes = 500 * 1024
    /// The largest event inside a batch, in bytes of its source text.
    public static let eventInBatchBytes = 32 * 1024
    /// The most header bytes trackscope reads for one request (Hummingbird's default, set here so
    /// that the answer can name it); above it the request is answered 431.
    public static let headerBytes = 80 * 1024
}
