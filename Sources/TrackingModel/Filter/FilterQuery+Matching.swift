extension FilterQuery {
    /// Whether `subject` satisfies the query. The empty query matches everything.
    public func matches(_ subject: some FilterSubject) -> Bool {
        expression.matches(subject)
    }
}

extension FilterExpression {
    /// Whether `subject` satisfies this expression.
    public func matches(_ subject: some FilterSubject) -> Bool {
        switch self {
        case .all: true
        case .term(let term): term.matches(subject)
        case .and(let operands): operands.allSatisfy { $0.matches(subject) }
        case .or(let operands): operands.contains { $0.matches(subject) }
        case .not(let operand): !operand.matches(subject)
        }
    }
}

extension FilterTerm {
    /// Whether `subject` satisfies this term.
    ///
    /// For `:` a term matches when any value the subject has matches any alternative; `!=` when
    /// the subject has a value and none matches (a missing field matches `-field:x` but not
    /// `field!=x`); an ordering when any value compares as asked.
    public func matches(_ subject: some FilterSubject) -> Bool {
        switch self {
        case .text(_, let pieces):
            return pieces.allSatisfy { subject.filterContainsText($0) }
        case .field(let path, let op, let values):
            return Self.compare(jsonValues: subject.filterValues(at: path), op, values)
        case .event(let op, let values):
            return Self.compare(texts: subject.filterEventNames, op, values)
        case .dialect(let op, let dialects):
            guard let dialect = subject.filterDialect else { return false }
            return dialects.contains(dialect) == (op == .equal)
        case .direction(let op, let directions):
            guard let direction = subject.filterDirection?.lowercased() else { return false }
            return directions.contains(direction) == (op == .equal)
        case .status(let op, let patterns):
            guard let status = subject.filterStatus else { return false }
            switch op {
            case .equal: return patterns.contains { $0.matches(status) }
            case .notEqual: return !patterns.contains { $0.matches(status) }
            default:
                guard case .code(let code)? = patterns.first else { return false }
                return op.holds(status < code ? -1 : (status == code ? 0 : 1))
            }
        case .severity(let op, let severities):
            guard let worst = subject.filterFindings.lazy.map(\.severity).max(),
                  let least = severities.min() else { return false }
            switch op {
            case .equal, .greaterOrEqual: return worst >= least
            case .notEqual, .less: return worst < least
            case .lessOrEqual: return worst <= least
            case .greater: return worst > least
            }
        case .code(let op, let values):
            return Self.compare(texts: subject.filterFindings.map(\.code), op, values)
        case .has(let paths):
            return paths.contains { path in
                subject.filterValues(at: path).contains { !$0.isNull }
            }
        case .site(let op, let values):
            return Self.compare(texts: subject.filterSiteId.map { [$0] } ?? [], op, values)
        case .method(let op, let values):
            return Self.compare(texts: subject.filterMethod.map { [$0] } ?? [], op, values)
        case .path(let op, let values):
            return Self.compare(texts: subject.filterPath.map { [$0] } ?? [], op, values)
        case .sequence(let op, let values):
            guard let sequence = subject.filterSequence else { return false }
            return Self.compare(texts: [String(sequence)], op, values)
        }
    }

    // MARK: - Comparing values

    /// Scalars at a path: arrays contribute their elements, nulls and objects nothing.
    private static func compare(jsonValues: [JSONValue], _ op: FilterOperator, _ values: [FilterValue]) -> Bool {
        var found = false
        var matched = false
        for value in jsonValues {
            forEachScalar(value) { text in
                found = true
                if candidate(text, op, values) {
                    matched = true
                    return true
                }
                return false
            }
            if matched { break }
        }
        if op == .notEqual { return found && !matched }
        return matched
    }

    static func compare(texts: [String], _ op: FilterOperator, _ values: [FilterValue]) -> Bool {
        guard !texts.isEmpty else { return false }
        let matched = texts.contains { candidate($0, op, values) }
        return op == .notEqual ? !matched : matched
    }

    /// Calls `body` with the text of each scalar in `value` until it returns true; returns
    /// whether it did.
    @discardableResult
    private static func forEachScalar(_ value: JSONValue, _ body: (String) -> Bool) -> Bool {
        switch value {
        case .null, .object: return false
        case .bool(let flag): return body(flag ? "true" : "false")
        case .number(let number): return body(number.literal)
        case .string(let text): return body(text)
        case .array(let elements):
            for element in elements where forEachScalar(element, body) { return true }
            return false
        }
    }

    /// For `:` and `!=`: whether `text` equals one of `values` (numerically when both are
    /// numbers, else as a case-insensitive glob). For orderings: whether it compares as asked.
    private static func candidate(_ text: String, _ op: FilterOperator, _ values: [FilterValue]) -> Bool {
        switch op {
        case .equal, .notEqual:
            return values.contains { equals(text, $0) }
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let value = values.first else { return false }
            // Numerically when both sides are numbers (a JSON number or a string holding one),
            // else in string order, ignoring case (ISO dates sort right).
            if let number = value.number, let candidate = FilterDecimal(text) {
                return op.holds(candidate < number ? -1 : (candidate == number ? 0 : 1))
            }
            return op.holds(compareFolded(FilterText.foldedBytes(text), value.glob.folded))
        }
    }

    private static func equals(_ text: String, _ value: FilterValue) -> Bool {
        if let range = value.range { return within(text, range) }
        if let number = value.number, let candidate = FilterDecimal(text) {
            return candidate == number
        }
        return value.glob.matches(text)
    }

    private static func within(_ text: String, _ range: FilterRange) -> Bool {
        let number = (range.lowerNumber != nil || range.upperNumber != nil) ? FilterDecimal(text) : nil
        var folded: [UInt8]? = nil
        func order(_ bound: FilterDecimal?, _ boundFolded: [UInt8]) -> Int {
            if let bound, let number { return number < bound ? -1 : (number == bound ? 0 : 1) }
            if folded == nil { folded = FilterText.foldedBytes(text) }
            return compareFolded(folded!, boundFolded)
        }
        if range.lower != nil, order(range.lowerNumber, range.lowerFolded) < 0 { return false }
        if range.upper != nil, order(range.upperNumber, range.upperFolded) > 0 { return false }
        return true
    }

    private static func compareFolded(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
        for (left, right) in zip(lhs, rhs) where left != right {
            return left < right ? -1 : 1
        }
        if lhs.count == rhs.count { return 0 }
        return lhs.count < rhs.count ? -1 : 1
    }
}
