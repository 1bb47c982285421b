extension FilterQuery {
    /// Bytes that an encoder may leave as they are in a JSON string. Anything else (`"`, `\`, `/`,
    /// `<`, `>`, `&`, `'`, `+`, control characters, non-ASCII) some encoder writes as an escape,
    /// so a literal never spans it: values are cut at such characters and each safe run counts.
    private static let safeBytes: Set<UInt8> = {
        var bytes = Set<UInt8>()
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") { bytes.insert(byte) }
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { bytes.insert(byte) }
        for character in " _-.:@,;#$%()[]{}!~^=*?|" { bytes.insert(character.asciiValue!) }
        return bytes
    }()

    /// Runs shorter than this are not worth a byte search.
    private static let minimumLiteralLength = 2

    /// The literals every matching record must contain.
    ///
    /// Sound by construction: an AND takes the union of its operands' literals, an OR only those
    /// common to all branches, a NOT nothing. A term gives literals only when a match implies that
    /// text verbatim in the raw JSON: free text words; `event:`, `field:` values compared as text
    /// (their runs of characters that no JSON encoder escapes, between wildcards); never a number
    /// (`22.5` matches `22.50`), never `!=` or an ordering, never record metadata (`status`, `dir`...),
    /// whose raw form is the log's business.
    static func literals(of expression: FilterExpression) -> [String] {
        var seen = Set<String>()
        var ordered: [String] = []
        for literal in collect(expression) where seen.insert(literal).inserted {
            ordered.append(literal)
        }
        return ordered
    }

    private static func collect(_ expression: FilterExpression) -> [String] {
        switch expression {
        case .all, .not:
            return []
        case .and(let operands):
            return operands.flatMap(collect)
        case .or(let operands):
            guard var common = operands.first.map({ Set(collect($0)) }) else { return [] }
            for operand in operands.dropFirst() {
                common.formIntersection(collect(operand))
            }
            // Keep a stable order: that of the first branch.
            return collect(operands[0]).filter { common.contains($0) }
        case .term(let term):
            return literals(of: term)
        }
    }

    private static func literals(of term: FilterTerm) -> [String] {
        switch term {
        case .text(_, let pieces):
            return pieces.flatMap { safeRuns(Array($0.utf8)) }
        case .field(_, .equal, let values), .event(.equal, let values):
            guard var common = values.first.map({ Set(literals(of: $0)) }) else { return [] }
            for value in values.dropFirst() {
                common.formIntersection(literals(of: value))
            }
            return literals(of: values[0]).filter { common.contains($0) }
        default:
            return []
        }
    }

    private static func literals(of value: FilterValue) -> [String] {
        if value.number != nil || value.range != nil { return [] }
        // The folded pattern: ASCII bytes are the lowercased ASCII of the value; the wildcard
        // markers and non-ASCII bytes are not safe, so they cut runs.
        return safeRuns(value.glob.folded)
    }

    private static func safeRuns(_ bytes: [UInt8]) -> [String] {
        var runs: [String] = []
        var run: [UInt8] = []
        func flush() {
            if run.count >= minimumLiteralLength { runs.append(String(decoding: run, as: UTF8.self)) }
            run.removeAll(keepingCapacity: true)
        }
        for byte in bytes {
            if safeBytes.contains(byte) { run.append(byte) } else { flush() }
        }
        flush()
        return runs
    }
}
