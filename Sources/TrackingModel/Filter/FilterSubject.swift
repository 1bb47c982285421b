/// Something a `FilterQuery` can match: an event, a capture record, a row of a list.
///
/// Every member has a default (nothing / empty), so a subject implements only what it has; a
/// query term about something the subject does not provide does not match (and its negation
/// does).
public protocol FilterSubject {
    /// Every value at `path` (`user.id`, `items[0].id`). A key step applied to an array applies
    /// to each element (`items.id` is every item's id); use `JSONValue.filterValues(at:)`.
    func filterValues(at path: JSONPath) -> [JSONValue]
    /// The normalised event name, for `event:`.
    var filterEventName: String? { get }
    /// Every event name, for subjects that hold several events (a batch record); defaults to
    /// `filterEventName`. `event:x` matches when any of them matches.
    var filterEventNames: [String] { get }
    var filterDialect: Dialect? { get }
    /// `received` or `sent`.
    var filterDirection: String? { get }
    /// The HTTP status of the answer.
    var filterStatus: Int? { get }
    /// Validation findings, for `sev:` and `code:`.
    var filterFindings: [Finding] { get }
    var filterSiteId: String? { get }
    /// The HTTP method (`POST`).
    var filterMethod: String? { get }
    /// The HTTP request path (`/events`).
    var filterPath: String? { get }
    /// The capture log sequence number.
    var filterSequence: UInt64? { get }
    /// Whether the subject's raw text contains `lowercasedNeedle`, ignoring case. The needle is
    /// folded with `FilterText.lowercased`; fold the haystack the same way (keep
    /// `FilterText.foldedBytes(raw)` and use `FilterText.contains`).
    func filterContainsText(_ lowercasedNeedle: String) -> Bool
}

extension FilterSubject {
    public func filterValues(at path: JSONPath) -> [JSONValue] { [] }
    public var filterEventName: String? { nil }
    public var filterEventNames: [String] { filterEventName.map { [$0] } ?? [] }
    public var filterDialect: Dialect? { nil }
    public var filterDirection: String? { nil }
    public var filterStatus: Int? { nil }
    public var filterFindings: [Finding] { [] }
    public var filterSiteId: String? { nil }
    public var filterMethod: String? { nil }
    public var filterPath: String? { nil }
    public var filterSequence: UInt64? { nil }
    public func filterContainsText(_ lowercasedNeedle: String) -> Bool { false }
}

extension JSONValue {
    /// Every value at `path`, fanning out over arrays: a key step applied to an array applies to
    /// each element (nested arrays too), an index step picks one element (negative counts from
    /// the end). `items.product.id` gives every item's product id. Empty when nothing is there.
    public func filterValues(at path: JSONPath) -> [JSONValue] {
        var current: [JSONValue] = [self]
        for component in path.components {
            var next: [JSONValue] = []
            for value in current {
                Self.step(value, component, into: &next)
            }
            if next.isEmpty { return [] }
            current = next
        }
        return current
    }

    private static func step(_ value: JSONValue, _ component: JSONPath.Component, into result: inout [JSONValue]) {
        switch (component, value) {
        case (.key(let key), .object(let object)):
            if let member = object[key] { result.append(member) }
        case (.key, .array(let elements)):
            for element in elements { step(element, component, into: &result) }
        case (.index(let index), .array(let elements)):
            let resolved = index < 0 ? elements.count + index : index
            if elements.indices.contains(resolved) { result.append(elements[resolved]) }
        default:
            break
        }
    }
}
