/// Codes of the findings `Sender` adds to a `sent` record, beside the validation findings of
/// the body (stable, like every finding code).
public enum SendFindingCode {
    /// No answer came: connection refused, time-out, the connection closed.
    public static let sendFailed = "send-failed"
    /// The target answered, but not with a 2xx.
    public static let sendRefused = "send-refused"
}
