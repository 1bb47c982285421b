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

/// One value on the right of a field term (`purchase`, `"with spaces"`, `10.*`, `22.5`,
/// `10..100`).
public struct FilterValue: Sendable, Hashable, CustomStringConvertible {
    /// The case-insensitive pattern (for a range, its text as written).
    public let glob: FilterGlob
    /// The value as an exact number, when it is a JSON number literal without wildcards.
    public let number: FilterDecimal?
    /// Whether it was written in quotes.
    public let quoted: Bool
    /// Set for `low..high`: the value matches what lies between, bounds included.
    public let range: FilterRange?

    public init(glob: FilterGlob, quoted: Bool = false) {
        self.glob = glob
        self.quoted = quoted
        self.number = glob.literalText.flatMap(FilterDecimal.init)
        self.range = nil
    }

    /// A value from text in which `*` and `?` are wildcards.
    public init(_ text: String) {
        self.init(glob: FilterGlob(text))
    }

    /// A range value (`10..100`, `2024-01-01..`, `*..5`).
    public init(range: FilterRange) {
        self.glob = FilterGlob.literal(range.description)
        self.quoted = false
        self.number = nil
        self.range = range
    }

    /// Equal when they match the same things (quoting is presentation).
    public static func == (lhs: FilterValue, rhs: FilterValue) -> Bool {
        lhs.glob == rhs.glob && lhs.range == rhs.range
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(glob)
        hasher.combine(range)
    }

    public var description: String {
        if let range { return range.description }
        let text = glob.description
        let needsQuotes = quoted || text.isEmpty || text.contains(where: { $0.isWhitespace || "()|\"".contains($0) })
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// `low..high` in a value: either bound may be open (`..5`, `10..`, `*..5`). Numbers compare
/// numerically, anything else (ISO dates) in string order, ignoring case.
public struct FilterRange: Sendable, Hashable, CustomStringConvertible {
    public let lower: String?
    public let upper: String?
    let lowerNumber: FilterDecimal?
    let upperNumber: FilterDecimal?
    let lowerFolded: [UInt8]
    let upperFolded: [UInt8]

    public init(lower: String?, upper: String?) {
        self.lower = lower
        self.upper = upper
        lowerNumber = lower.flatMap(FilterDecimal.init)
        upperNumber = upper.flatMap(FilterDecimal.init)
        lowerFolded = lower.map(FilterText.foldedBytes) ?? []
        upperFolded = upper.map(FilterText.foldedBytes) ?? []
    }

    public var description: String { (lower ?? "*") + ".." + (upper ?? "*") }

    public static func == (lhs: FilterRange, rhs: FilterRange) -> Bool {
        lhs.lower == rhs.lower && lhs.upper == rhs.upper
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(lower)
        hasher.combine(upper)
    }
}

/// A value of the `status:` field: an exact code, a class (`4xx`) or a range (`400..451`).
public enum FilterStatusPattern: Sendable, Hashable, CustomStringConvertible {
    case code(Int)
    /// The hundreds digit: `.class(4)` is `4xx`.
    case `class`(Int)
    /// Bounds included; nil is open.
    case range(Int?, Int?)

    public func matches(_ status: Int) -> Bool {
        switch self {
        case .code(let code): status == code
        case .class(let hundreds): status / 100 == hundreds && status >= 0
        case .range(let lower, let upper): status >= (lower ?? .min) && status <= (upper ?? .max)
        }
    }

    public var description: String {
        switch self {
        case .code(let code): String(code)
        case .class(let hundreds): "\(hundreds)xx"
        case .range(let lower, let upper): (lower.map(String.init) ?? "*") + ".." + (upper.map(String.init) ?? "*")
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
    /// `seq>100`, `seq:100..200`: the capture log sequence number.
    case sequence(FilterOperator, [FilterValue])

    public var description: String {
        func render(_ name: String, _ op: FilterOperator, _ values: [String]) -> String {
            name + op.rawValue + values.joined(separator: "|")
        }
        switch self {
        case .text(let text, _):
            let plain = !text.isEmpty && !text.contains(where: { $0.isWhitespace || "()|\"\\:<>=!".contains($0) })
                && !["or", "and", "not"].contains(text.lowercased()) && !text.hasPrefix("-")
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return plain ? text : "\"" + escaped + "\""
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
