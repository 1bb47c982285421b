import Foundation

/// A query string's parameters, percent-decoded (`PercentDecoding.queryComponent`), in order. The
/// raw text is kept for the record.
public struct QueryParameters: Sendable, Hashable {
    public var raw: String
    public var pairs: [(name: String, value: String)] {
        storage.map { (name: $0.name, value: $0.value) }
    }

    private struct Pair: Sendable, Hashable {
        var name: String
        var value: String
    }

    private var storage: [Pair]

    /// Parses `a=1&b=2` (without the leading `?`).
    public init(_ raw: String) {
        self.raw = raw
        self.storage = []
        guard !raw.isEmpty else { return }
        for part in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let name: Substring
            let value: Substring
            if let equals = part.firstIndex(of: "=") {
                name = part[..<equals]
                value = part[part.index(after: equals)...]
            } else {
                name = part
                value = ""
            }
            storage.append(Pair(name: PercentDecoding.queryComponent(name), value: PercentDecoding.queryComponent(value)))
        }
    }

    /// The first value of `name`, nil when absent.
    public subscript(name: String) -> String? {
        storage.first { $0.name == name }?.value
    }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] {
        storage.filter { $0.name == name }.map(\.value)
    }

    /// The first non-empty value of `name`.
    public func nonEmpty(_ name: String) -> String? {
        guard let value = self[name], !value.isEmpty else { return nil }
        return value
    }


    public static func == (lhs: QueryParameters, rhs: QueryParameters) -> Bool { lhs.raw == rhs.raw }
    public func hash(into hasher: inout Hasher) { hasher.combine(raw) }
}
