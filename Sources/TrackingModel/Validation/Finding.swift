/// One thing found wrong (or worth knowing) about a payload: what the inspector shows and what
/// `validate` prints.
public struct Finding: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        case info, warning, error

        private var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    /// A stable identifier of the rule (`missing-required-field`, `invalid-json`, ...): tests,
    /// filters and CI scripts match on it, so it never changes once published.
    public var code: String
    /// Where in the payload, as a JSON path (`$` for the whole payload).
    public var path: String
    public var message: String
    /// What to do about it, when there is something to say.
    public var hint: String?
    /// Where in the source text, when known (parse errors, and findings located after the fact).
    public var line: Int?
    public var column: Int?

    public init(
        severity: Severity,
        code: String,
        path: String,
        message: String,
        hint: String? = nil,
        line: Int? = nil,
        column: Int? = nil
    ) {
        self.severity = severity
        self.code = code
        self.path = path
        self.message = message
        self.hint = hint
        self.line = line
        self.column = column
    }
}
