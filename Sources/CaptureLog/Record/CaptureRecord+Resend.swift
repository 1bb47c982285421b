extension CaptureRecord {
    /// The finding code the collector gives each record it makes from one event of a batch request.
    public static let batchMemberCode = "batch-member"

    /// Whether the record holds one event of a batch request: its body is that event alone.
    public var isBatchMember: Bool {
        findings.contains { $0.code == Self.batchMemberCode }
    }

    /// The body to send when the request is sent again (curl and HAR exports): the recorded body,
    /// except that one event of a batch request becomes a batch of one, `{"batch":[EVENT]}`, since
    /// the batch endpoint takes nothing else.
    public var requestBodyToResend: [UInt8] {
        guard isBatchMember, !requestBody.isEmpty else { return requestBody }
        return Array(#"{"batch":["#.utf8) + requestBody + Array("]}".utf8)
    }
}
