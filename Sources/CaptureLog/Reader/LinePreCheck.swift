import TrackingModel

/// The byte pre-check of a filter query: a record line can only match when it holds each of the
/// query's required literals (ASCII case folded), or when its body is base64 (that text cannot be
/// checked without decoding). Lines it rules out need not be decoded.
struct LinePreCheck: Sendable {
    /// What marks a line whose body is stored as base64.
    static let base64Marker: [UInt8] = Array("\"body_base64\":\"".utf8)

    /// The query's required literals, longest (most selective) first.
    let literals: [[UInt8]]

    init(_ query: FilterQuery) {
        literals = query.requiredLiterals.map { Array($0.utf8) }.sorted { $0.count > $1.count }
    }

    /// False only when the line at `bytes[from..<end]` cannot match the query.
    func mayMatch(_ bytes: UnsafePointer<UInt8>, from: Int, end: Int) -> Bool {
        guard !literals.isEmpty else { return true }
        if FoldedSearch.contains(Self.base64Marker, in: bytes, from: from, end: end) { return true }
        return literals.allSatisfy { FoldedSearch.contains($0, in: bytes, from: from, end: end) }
    }
}
