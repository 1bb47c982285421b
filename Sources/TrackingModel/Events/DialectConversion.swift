/// What `DialectConverter` made of one event: the event in the target dialect, and one change for
/// every field it moved, renamed or could not place, so a person can check the migration.
public struct DialectConversion: Sendable, Hashable {
    /// One thing the conversion did (or could not do) to one field.
    public struct Change: Sendable, Hashable, CustomStringConvertible {
        public enum Kind: String, Sendable, Hashable {
            /// The field went elsewhere under the same name (`properties.search_term` → `search_term`).
            case moved
            /// The field went elsewhere, or stayed, under another name (`eventId` → `context.event_id`).
            case renamed
            /// The target dialect has no place for the field: it is left out.
            case dropped
            /// The target dialect requires a field the source does not have: it must be added.
            case missing
        }

        public var kind: Kind
        /// Where the field was in the source (for `missing`, where it belongs in the result).
        public var from: JSONPath
        /// Where it is in the result (nil for `dropped` and `missing`).
        public var to: JSONPath?
        /// Why, for `dropped` and `missing`.
        public var reason: String?

        public init(kind: Kind, from: JSONPath, to: JSONPath? = nil, reason: String? = nil) {
            self.kind = kind
            self.from = from
            self.to = to
            self.reason = reason
        }

        /// One line: `moved properties.search_term → search_term`, `renamed eventId →
        /// context.event_id`, `could not place context.lang: ...`, `missing user.consistent_anonymous_id: ...`.
        public var description: String {
            switch kind {
            case .moved, .renamed:
                "\(kind.rawValue) \(from) → \(to.map(\.description) ?? "$")"
            case .dropped:
                "could not place \(from)" + (reason.map { ": \($0)" } ?? "") + " (left out)"
            case .missing:
                "missing \(from)" + (reason.map { ": \($0)" } ?? "")
            }
        }
    }

    /// The event in the target dialect (unchanged when it already was in it).
    public var value: JSONValue
    /// The dialect the event was read as.
    public var source: Dialect
    public var target: Dialect
    /// What moved, was renamed, was left out or is missing, in the order of the result.
    public var changes: [Change]

    public init(value: JSONValue, source: Dialect, target: Dialect, changes: [Change]) {
        self.value = value
        self.source = source
        self.target = target
        self.changes = changes
    }

    /// Whether anything was moved, renamed or left out (a `missing` field alone changes nothing).
    public var changedShape: Bool {
        changes.contains { $0.kind != .missing }
    }
}
