/// The parsed form of a filter query: terms combined with AND, OR and NOT.
///
/// Precedence, loosest first: OR, then AND (juxtaposition), then NOT; parentheses group. So
/// `a b or c` is `(a AND b) OR c` and `-a b` is `(NOT a) AND b`.
public indirect enum FilterExpression: Sendable, Hashable, CustomStringConvertible {
    /// The empty query: matches everything.
    case all
    case term(FilterTerm)
    case and([FilterExpression])
    case or([FilterExpression])
    case not(FilterExpression)

    /// A canonical rendering that shows the grouping: `(a AND b) OR c`, `NOT status:4xx`.
    public var description: String {
        switch self {
        case .all: "*"
        case .term(let term): term.description
        case .and(let operands): operands.map(\.operandDescription).joined(separator: " AND ")
        case .or(let operands): operands.map(\.operandDescription).joined(separator: " OR ")
        case .not(let operand): "NOT " + operand.operandDescription
        }
    }

    private var operandDescription: String {
        switch self {
        case .and, .or: "(\(description))"
        case .all, .term, .not: description
        }
    }
}

/// How a field term compares: `:` (equals, glob), `!=`, `<`, `<=`, `>`, `>=`.
public enum FilterOperator: String, Sendable, Hashable, CaseIterable {
    case equal = ":"
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    /// True for the four ordering operators.
    public var isOrdering: Bool {
        switch self {
        case .equal, .notEqual: false
        case .less, .lessOrEqual, .greater, .greaterOrEqual: true
        }
    }

    func holds(_ order: Int) -> Bool {
        switch self {
        case .equal: order == 0
        case .notEqual: order != 0
        case .less: order < 0
        case .lessOrEqual: order <= 0
        case .greater: order > 0
        case .greaterOrEqual: order >= 0
        }
    }
}

/// One value on the right of a field term (`purchase`, `"with spaces"`, `10.*`, `22.5`).
public struct FilterValue: Sendable, Hashable, CustomStringConvertible {
    /// The case-insensitive pattern.
    public let glob: FilterGlob
    /// The value as an exact number, when it is a JSON number literal without wildcards.
    public let number: FilterDecimal?
    /// Whether it was written in quotes.
    public let quoted: Bool

    public init(glob: FilterGlob, quoted: Bool = false) {
        self.glob = glob
        self.quoted = quoted
        self.number = glob.literalText.flatMap(FilterDecimal.init)
    }

    /// A value from text in which `*` and `?` are wildcards.
    public init(_ text: String) {
        self.init(glob: FilterGlob(text))
    }

    public var description: String {
        let text = glob.description
        let needsQuotes = quoted || text.isEmpty || text.contains(where: { $0.isWhitespace || "()|\"".contains($0) })
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// A value of the `status:` field: an exact code or a class (`4xx`).
public enum FilterStatusPattern: Sendable, Hashable, CustomStringConvertible {
    case code(Int)
    /// The hundreds digit: `.class(4)` is `4xx`.
    case `class`(Int)

    public func matches(_ status: Int) -> Bool {
        switch self {
        case .code(let code): status == code
        case .class(let hundreds): status / 100 == hundreds && status >= 0
        }
    }

    public var description: String {
        switch self {
        case .code(let code): String(code)
        case .class(let hundreds): "\(hundreds)xx"
        }
    }
}

/// One term of a query: free text, a JSON field, or one of the special fields.
public enum FilterTerm: Sendable, Hashable, CustomStringConvertible {
    /// A bare word or quoted phrase, found anywhere in the raw text, ignoring case. `pieces` are
    /// the folded parts between `*` wildcards; all must occur.
    case text(String, pieces: [String])
    /// `path:value`, `path>value`... on a JSON path of the event.
    case field(JSONPath, FilterOperator, [FilterValue])
    /// `event:purchase|refund`: the normalised event name.
    case event(FilterOperator, [FilterValue])
    case dialect(FilterOperator, [Dialect])
    /// `dir:received|sent` (lowercase names).
    case direction(FilterOperator, [String])
    case status(FilterOperator, [FilterStatusPattern])
    /// `sev:warning`: the record's most severe finding compared with these (`:` means at least).
    case severity(FilterOperator, [Finding.Severity])
    /// `code:missing-*`: a finding's code.
    case code(FilterOperator, [FilterValue])
    /// `has:user.email`: the path exists and is not null (any of the paths).
    case has([JSONPath])
    case site(FilterOperator, [FilterValue])
    case method(FilterOperator, [FilterValue])
    /// `path:/events*`: the HTTP request path.
    case path(FilterOperator, [FilterValue])
    case sequence(FilterOperator, [FilterDecimal])

    public var description: String {
        func render(_ name: String, _ op: FilterOperator, _ values: [String]) -> String {
            name + op.rawValue + values.joined(separator: "|")
        }
        switch self {
        case .text(let text, _):
            let plain = !text.isEmpty && !text.contains(where: { $0.isWhitespace || "()|\"\\:<>=!".contains($0) })
                && !["or", "and", "not"].contains(text.lowercased()) && !text.hasPrefix("-")
            return plain ? text : "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .field(let path, let op, let values):
            let name = Self.reservedNames.contains(path.description) ? "$." + path.description : path.description
            return render(name, op, values.map(\.description))
        case .event(let op, let values): return render("event", op, values.map(\.description))
        case .dialect(let op, let values): return render("dialect", op, values.map(\.rawValue))
        case .direction(let op, let values): return render("dir", op, values)
        case .status(let op, let values): return render("status", op, values.map(\.description))
        case .severity(let op, let values): return render("sev", op, values.map(\.rawValue))
        case .code(let op, let values): return render("code", op, values.map(\.description))
        case .has(let paths): return render("has", .equal, paths.map(\.description))
        case .site(let op, let values): return render("site", op, values.map(\.description))
        case .method(let op, let values): return render("method", op, values.map(\.description))
        case .path(let op, let values): return render("path", op, values.map(\.description))
        case .sequence(let op, let values): return render("seq", op, values.map(\.description))
        }
    }

    /// Field names with a special meaning; `$.name` reaches a JSON field of the same name.
    public static let reservedNames: Set<String> = [
        "event", "dialect", "dir", "status", "sev", "code", "has", "site", "method", "path", "seq",
    ]
}
