/// A parsed filter query: what the TUI's filter bar, `trackscope log filter QUERY` and the
/// collector's `GET /_trackscope/events?q=` select records and events with.
///
/// Parse once, match many times:
///
///     let query = try FilterQuery.parse("event:purchase value>100 -sev:error")
///     let hits = events.filter { query.matches(EventFilterSubject(event: $0)) }
///
/// The language is documented in the README ("Filtering"): space-separated terms are ANDed,
/// `or`/`|` between terms, parentheses group, `-term`/`not term`/`!term` negate, bare words and
/// quoted phrases are free text, `path:value` reaches any JSON field, and `event:`, `dialect:`,
/// `dir:`, `status:`, `sev:`, `code:`, `has:`, `site:`, `method:`, `path:`, `seq` are special.
public struct FilterQuery: Sendable, Hashable, CustomStringConvertible {
    /// The query as typed (empty for a query built from an expression).
    public let text: String
    /// The parse tree.
    public let expression: FilterExpression
    /// Lowercased ASCII strings that occur in the raw text of every record that can match, for a
    /// fast byte pre-check before decoding a record (compare with ASCII-lowercased bytes). Empty
    /// when nothing can be promised. See `FilterQuery+RequiredLiterals.swift` for the rules.
    public let requiredLiterals: [String]

    public init(expression: FilterExpression, text: String = "") {
        self.text = text
        self.expression = expression
        self.requiredLiterals = Self.literals(of: expression)
    }

    /// Parses a query. Throws with a message and the character offset of the problem.
    public static func parse(_ text: String) throws(FilterParseError) -> FilterQuery {
        FilterQuery(expression: try FilterParser.parse(text), text: text)
    }

    /// The query that matches everything (the empty query).
    public static let all = FilterQuery(expression: .all)

    /// True when the query selects everything (it is empty).
    public var matchesEverything: Bool { expression == .all }

    /// The canonical form of the parse tree, grouping shown: `(a AND b) OR c`.
    public var description: String { expression.description }
}
