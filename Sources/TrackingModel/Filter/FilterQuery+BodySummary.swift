extension FilterQuery {
    /// Whether a record whose body summary is `summary` cannot match the query (nor can any of
    /// its events on its own): a term `event:X` that must hold while no event name matches X, or
    /// `user.id:Y` while no user id matches Y and the summary holds every user id the filter
    /// could find (`EventBodySummary.userIdsCoverFilter`). False when unsure: the record must be
    /// read and matched. Sound by construction, like `requiredLiterals`: an AND is ruled out by
    /// any operand, an OR by all of them, a NOT never.
    public func rulesOut(_ summary: EventBodySummary) -> Bool {
        expression.rulesOut(summary)
    }

    /// Whether `rulesOut` can say true for some summary: the query holds an `event:` or
    /// `user.id:` term outside a negation (else a summary is not worth reading for it).
    public var canBeRuledOutByBodySummary: Bool {
        expression.rulesOut(EventBodySummary(eventNames: [], userIds: [], userIdsCoverFilter: true, noEventsReason: .noEvents))
    }
}

extension FilterExpression {
    /// See `FilterQuery.rulesOut(_:)`.
    func rulesOut(_ summary: EventBodySummary) -> Bool {
        switch self {
        case .all, .not: false
        case .term(let term): term.rulesOut(summary)
        case .and(let operands): operands.contains { $0.rulesOut(summary) }
        case .or(let operands): !operands.isEmpty && operands.allSatisfy { $0.rulesOut(summary) }
        }
    }
}

extension FilterTerm {
    /// The path of the user id, `user.id`.
    private static let userIdPath: JSONPath = "user.id"

    /// Whether this term is false for every record (and event) whose body summary is `summary`.
    /// The names and ids are compared as matching compares them (`compare(texts:)`), so a
    /// summary value the term matches never rules it out.
    func rulesOut(_ summary: EventBodySummary) -> Bool {
        switch self {
        case .event(.equal, let values):
            return !Self.compare(texts: summary.eventNames, .equal, values)
        case .field(let path, .equal, let values) where path == Self.userIdPath && summary.userIdsCoverFilter:
            return !Self.compare(texts: summary.userIds, .equal, values)
        default:
            return false
        }
    }
}
