/// Reads a filter query into a `FilterExpression`: a lexer that turns the characters into terms,
/// parentheses and operators (validating each term as it goes), then a recursive-descent parser
/// for `OR` < `AND` < `NOT`. Offsets count characters.
struct FilterParser {
    private enum Token {
        case open(Int)
        case close(Int)
        case or(Int, String)
        case and(Int, String)
        case not(Int, String)
        case term(FilterTerm, Int)

        var offset: Int {
            switch self {
            case .open(let offset), .close(let offset), .or(let offset, _), .and(let offset, _),
                .not(let offset, _), .term(_, let offset):
                offset
            }
        }

        var spelling: String {
            switch self {
            case .open: "("
            case .close: ")"
            case .or(_, let text), .and(_, let text), .not(_, let text): text
            case .term(let term, _): term.description
            }
        }
    }

    /// One value read after an operator, before it is given a meaning.
    private struct RawValue {
        var elements: [FilterGlob.Element]
        var quoted: Bool
        var offset: Int

        var hasWildcards: Bool {
            elements.contains { if case .literal = $0 { false } else { true } }
        }

        /// `low..high` (unquoted; a bound is a number or starts like a date, or is empty or `*`).
        var range: FilterRange? {
            guard !quoted, let split = elements.indices.dropLast().first(where: {
                elements[$0] == .literal(".") && elements[$0 + 1] == .literal(".")
            }) else { return nil }
            func bound(_ part: ArraySlice<FilterGlob.Element>) -> (valid: Bool, text: String?) {
                if part.isEmpty || Array(part) == [.anyRun] { return (true, nil) }
                var text = ""
                for element in part {
                    guard case .literal(let character) = element else { return (false, nil) }
                    text.append(character)
                }
                let starts = text.first == "-" ? text.dropFirst().first : text.first
                guard let starts, starts.isASCII, starts.isNumber, !text.contains("..") else { return (false, nil) }
                return (true, text)
            }
            let lower = bound(elements[..<split])
            let upper = bound(elements[(split + 2)...])
            guard lower.valid, upper.valid, lower.text != nil || upper.text != nil else { return nil }
            return FilterRange(lower: lower.text, upper: upper.text)
        }

        /// The value as written, without quotes and escapes.
        var text: String {
            String(elements.map { element -> Character in
                switch element {
                case .literal(let character): character
                case .anyCharacter: "?"
                case .anyRun: "*"
                }
            })
        }
    }

    private let characters: [Character]
    private var index = 0
    private var tokens: [Token] = []
    private var position = 0

    init(_ text: String) {
        self.characters = Array(text)
    }

    static func parse(_ text: String) throws(FilterParseError) -> FilterExpression {
        var parser = FilterParser(text)
        try parser.tokenize()
        return try parser.parseQuery()
    }

    // MARK: - Lexer

    private static let operatorCharacters: Set<Character> = [":", "<", ">", "=", "!"]
    private static let keyExcluded: Set<Character> = ["(", ")", "[", "]", ".", ":", "<", ">", "=", "!", "\"", "|", "\\", "*", "?"]

    private var count: Int { characters.count }

    private func character(at offset: Int) -> Character? {
        offset < characters.count ? characters[offset] : nil
    }

    private func endsTerm(_ character: Character?) -> Bool {
        guard let character else { return true }
        return character.isWhitespace || character == ")" || character == "|"
    }

    private mutating func tokenize() throws(FilterParseError) {
        while true {
            while let character = character(at: index), character.isWhitespace { index += 1 }
            guard let current = character(at: index) else { return }
            let start = index
            switch current {
            case "(":
                tokens.append(.open(start))
                index += 1
            case ")":
                tokens.append(.close(start))
                index += 1
            case "|":
                index += 1
                if character(at: index) == "|" { index += 1 }
                tokens.append(.or(start, String(characters[start..<index])))
            case "&" where character(at: index + 1) == "&":
                index += 2
                tokens.append(.and(start, "&&"))
            case "-", "!":
                if current == "!", character(at: index + 1) == "=" {
                    throw FilterParseError(message: "'!=' needs a field name before it, as in currency!=EUR", offset: start)
                }
                index += 1
                if endsTerm(character(at: index)) {
                    throw FilterParseError(
                        message: "'\(current)' must be followed directly by the term to exclude, as in -event:page_view",
                        offset: start
                    )
                }
                tokens.append(.not(start, String(current)))
            case "\"":
                let value = try readQuoted()
                tokens.append(.term(Self.freeText(value.elements), start))
                if let next = character(at: index), !next.isWhitespace, next != ")", next != "|", next != "(" {
                    throw FilterParseError(
                        message: "unexpected '\(next)' after the closing quote: put a space between terms",
                        offset: index
                    )
                }
            default:
                try readWord()
            }
        }
    }

    /// A bare word: a keyword, a field term, or free text.
    private mutating func readWord() throws(FilterParseError) {
        let start = index
        if let (components, explicit, afterPath) = scanPath(from: start),
           explicit || !Self.startsWithDigit(components),
           let (op, afterOperator) = try scanOperator(at: afterPath),
           !(op == .equal && !explicit && Self.looksLikeURLScheme(components) && character(at: afterOperator) == "/") {
            index = afterOperator
            let name = String(characters[start..<afterOperator])
            let reserved: String? = if !explicit, components.count == 1, case .key(let key) = components[0],
                FilterTerm.reservedNames.contains(key) { key } else { nil }
            if reserved == "has", op == .equal {
                tokens.append(.term(.has(try readPaths(name: name)), start))
                return
            }
            let textual = reserved == nil || ["event", "code", "site", "method", "path"].contains(reserved!)
            let values = try readValues(name: name, emptyStringHint: textual)
            let term = try makeTerm(components, explicit: explicit, op: op, operatorOffset: afterPath, values: values)
            tokens.append(.term(term, start))
            return
        }
        var elements: [FilterGlob.Element] = []
        var escaped = false
        while let character = character(at: index), !character.isWhitespace, character != "(", character != ")", character != "|" {
            if character == "\\", let next = self.character(at: index + 1) {
                elements.append(.literal(next))
                escaped = true
                index += 2
                continue
            }
            elements.append(character == "*" ? .anyRun : .literal(character))
            index += 1
        }
        let word = String(characters[start..<index])
        if !escaped {
            switch word {
            case "or", "OR":
                tokens.append(.or(start, word))
                return
            case "and", "AND":
                tokens.append(.and(start, word))
                return
            case "not", "NOT":
                tokens.append(.not(start, word))
                return
            default:
                break
            }
        }
        tokens.append(.term(Self.freeText(elements), start))
    }

    private static func freeText(_ elements: [FilterGlob.Element]) -> FilterTerm {
        var text = ""
        var pieces: [String] = []
        var piece = ""
        for element in elements {
            switch element {
            case .literal(let character):
                text.append(character)
                piece.append(character)
            case .anyCharacter:
                // Free text treats `?` as itself (URLs are full of them).
                text.append("?")
                piece.append("?")
            case .anyRun:
                text.append("*")
                if !piece.isEmpty { pieces.append(FilterText.lowercased(piece)) }
                piece = ""
            }
        }
        if !piece.isEmpty { pieces.append(FilterText.lowercased(piece)) }
        return .text(text, pieces: pieces)
    }

    private static func startsWithDigit(_ components: [JSONPath.Component]) -> Bool {
        guard case .key(let key)? = components.first, let first = key.first else { return false }
        return first.isNumber
    }

    private static func looksLikeURLScheme(_ components: [JSONPath.Component]) -> Bool {
        guard components.count == 1, case .key(let key) = components[0] else { return false }
        return ["http", "https", "ftp", "file", "ws", "wss"].contains(key.lowercased())
    }

    /// `a.b[0].c`, `items[].id`, `a["odd key"]`, `$.status`: the components, whether the path was
    /// written with `$.`, and where it ends; nil when there is no path here.
    private func scanPath(from start: Int) -> ([JSONPath.Component], Bool, Int)? {
        scanPath(in: characters, from: start)
    }

    private func scanPath(in characters: [Character], from start: Int) -> ([JSONPath.Component], Bool, Int)? {
        var offset = start
        func at(_ offset: Int) -> Character? { offset < characters.count ? characters[offset] : nil }
        func isKeyCharacter(_ character: Character?) -> Bool {
            guard let character else { return false }
            return !character.isWhitespace && !Self.keyExcluded.contains(character)
        }
        var explicit = false
        if at(offset) == "$", at(offset + 1) == "." || at(offset + 1) == "[" {
            explicit = true
            offset += at(offset + 1) == "." ? 2 : 1
        }
        var components: [JSONPath.Component] = []
        while true {
            if at(offset) == "[" {
                var inside = ""
                var cursor = offset + 1
                var closed = false
                var inQuotes = false
                while let character = at(cursor) {
                    if inQuotes {
                        if character == "\\", let next = at(cursor + 1) {
                            inside.append(next)
                            cursor += 2
                            continue
                        }
                        if character == "\"" { inQuotes = false } else { inside.append(character) }
                        cursor += 1
                        continue
                    }
                    if character == "\"" {
                        inQuotes = true
                        cursor += 1
                        continue
                    }
                    if character == "]" {
                        closed = true
                        break
                    }
                    if character.isWhitespace { break }
                    inside.append(character)
                    cursor += 1
                }
                guard closed else { return nil }
                let quoted = characters[(offset + 1)..<cursor].first == "\""
                if quoted {
                    components.append(.key(inside))
                } else if inside.isEmpty || inside == "*" {
                    // `[]` and `[*]`: every element (a key step over an array fans out anyway).
                } else if let number = Int(inside) {
                    components.append(.index(number))
                } else {
                    components.append(.key(inside))
                }
                offset = cursor + 1
            } else if isKeyCharacter(at(offset)) {
                var key = ""
                while isKeyCharacter(at(offset)), let character = at(offset) {
                    key.append(character)
                    offset += 1
                }
                components.append(.key(key))
            } else {
                return nil
            }
            if at(offset) == ".", isKeyCharacter(at(offset + 1)) || at(offset + 1) == "[" {
                offset += 1
            } else if at(offset) == "[" {
                continue
            } else {
                break
            }
        }
        guard !components.isEmpty else { return nil }
        return (components, explicit, offset)
    }

    /// The comparison operator at `offset`: nil when there is none (free text), an error when
    /// operator characters form no known operator.
    private func scanOperator(at offset: Int) throws(FilterParseError) -> (FilterOperator, Int)? {
        var end = offset
        while let character = character(at: end), Self.operatorCharacters.contains(character) { end += 1 }
        let spelling = String(characters[offset..<end])
        let op: FilterOperator
        switch spelling {
        case "", "!": return nil
        case ":", "=", "==": op = .equal
        case "!=": op = .notEqual
        case "<", ":<": op = .less
        case "<=", ":<=": op = .lessOrEqual
        case ">", ":>": op = .greater
        case ">=", ":>=": op = .greaterOrEqual
        default:
            let suggestion: String? = switch spelling {
            case "=>", ":=>": ">="
            case "=<", ":=<": "<="
            case "<>", "=!", "!:", ":!", "!==", ":!=": "!="
            default: nil
            }
            var message = "unknown operator '\(spelling)'"
            if let suggestion {
                message += " (did you mean '\(suggestion)'?)"
            } else {
                message += " (use one of : != < <= > >=)"
            }
            throw FilterParseError(message: message, offset: offset)
        }
        return (op, end)
    }

    /// `"..."` at `index`, with `\` escapes; `*` and `?` stay wildcards.
    private mutating func readQuoted() throws(FilterParseError) -> RawValue {
        let start = index
        index += 1
        var elements: [FilterGlob.Element] = []
        while true {
            guard let character = character(at: index) else {
                throw FilterParseError(message: "unclosed quote: add a closing '\"'", offset: start)
            }
            index += 1
            switch character {
            case "\"":
                return RawValue(elements: elements, quoted: true, offset: start)
            case "\\":
                guard let next = self.character(at: index) else {
                    throw FilterParseError(message: "unclosed quote: add a closing '\"'", offset: start)
                }
                elements.append(.literal(next))
                index += 1
            case "*": elements.append(.anyRun)
            case "?": elements.append(.anyCharacter)
            default: elements.append(.literal(character))
            }
        }
    }

    /// The values after an operator: `a`, `"a b"`, `a|b|"c d"`.
    /// The paths after `has:`: `user.email`, `a["odd key"]`, `"odd key"` (one key), `a|b`.
    private mutating func readPaths(name: String) throws(FilterParseError) -> [JSONPath] {
        var paths: [JSONPath] = []
        while true {
            let start = index
            if endsTerm(character(at: index)) {
                throw FilterParseError(
                    message: paths.isEmpty ? "missing field path after '\(name)'" : "missing field path after '|'",
                    offset: start
                )
            }
            if character(at: index) == "\"" {
                let value = try readQuoted()
                paths.append(JSONPath([.key(value.text)]))
            } else if let (components, _, end) = scanPath(from: index), endsTerm(character(at: end)) {
                paths.append(JSONPath(components))
                index = end
            } else {
                var end = index
                while !endsTerm(character(at: end)) { end += 1 }
                let text = String(characters[start..<end])
                throw FilterParseError(
                    message: "'\(text)' is not a field path (write has:user.email or has:items[0].id)",
                    offset: start
                )
            }
            if character(at: index) == "|" {
                index += 1
                continue
            }
            if let next = character(at: index), !next.isWhitespace, next != ")" {
                throw FilterParseError(
                    message: "unexpected '\(next)' after the closing quote: put a space between terms",
                    offset: index
                )
            }
            return paths
        }
    }

    private mutating func readValues(name: String, emptyStringHint: Bool) throws(FilterParseError) -> [RawValue] {
        var values: [RawValue] = []
        while true {
            let start = index
            if character(at: index) == "\"" {
                values.append(try readQuoted())
            } else {
                var elements: [FilterGlob.Element] = []
                // Parentheses opened inside a value belong to it: `path:/a(b)`.
                var depth = 0
                while let character = character(at: index), !endsTerm(character) || (character == ")" && depth > 0) {
                    if character == "\\", let next = self.character(at: index + 1) {
                        elements.append(.literal(next))
                        index += 2
                        continue
                    }
                    switch character {
                    case "*": elements.append(.anyRun)
                    case "?": elements.append(.anyCharacter)
                    case "(":
                        depth += 1
                        elements.append(.literal(character))
                    case ")":
                        depth -= 1
                        elements.append(.literal(character))
                    default: elements.append(.literal(character))
                    }
                    index += 1
                }
                if elements.isEmpty {
                    if values.isEmpty {
                        var message = "missing value after '\(name)'"
                        if emptyStringHint, name.hasSuffix(":") || name.hasSuffix("=") {
                            message += " (to match an empty string, write \(name)\"\")"
                        }
                        throw FilterParseError(message: message, offset: start)
                    }
                    throw FilterParseError(message: "missing value after '|'", offset: start)
                }
                values.append(RawValue(elements: elements, quoted: false, offset: start))
            }
            if character(at: index) == "|" {
                index += 1
                continue
            }
            break
        }
        if let next = character(at: index), !next.isWhitespace, next != ")" {
            throw FilterParseError(
                message: "unexpected '\(next)' after the closing quote: put a space between terms",
                offset: index
            )
        }
        return values
    }

    // MARK: - Terms

    private func makeTerm(
        _ components: [JSONPath.Component],
        explicit: Bool,
        op: FilterOperator,
        operatorOffset: Int,
        values: [RawValue]
    ) throws(FilterParseError) -> FilterTerm {
        let path = JSONPath(components)
        guard !explicit, components.count == 1, case .key(let name) = components[0], FilterTerm.reservedNames.contains(name) else {
            try checkOrdering(op, values)
            return .field(path, op, values.map(Self.filterValueOrRange))
        }
        func onlyEquality() throws(FilterParseError) {
            if op.isOrdering {
                throw FilterParseError(
                    message: "'\(name)' can only be compared with ':' or '!=', not '\(op.rawValue)'",
                    offset: operatorOffset
                )
            }
        }
        func keyword(_ value: RawValue, kind: String, allowed: [String]) throws(FilterParseError) -> String {
            let word = value.text.lowercased()
            guard !value.hasWildcards, allowed.contains(word) else {
                let list = allowed.dropLast().joined(separator: ", ") + " or " + allowed.last!
                throw FilterParseError(message: "unknown \(kind) '\(value.text)' (expected \(list))", offset: value.offset)
            }
            return word
        }
        switch name {
        case "event":
            try onlyEquality()
            return .event(op, values.map(Self.filterValue))
        case "dialect":
            try onlyEquality()
            var dialects: [Dialect] = []
            for value in values {
                let word = try keyword(value, kind: "dialect", allowed: Dialect.allCases.map(\.rawValue))
                dialects.append(Dialect(rawValue: word)!)
            }
            return .dialect(op, dialects)
        case "dir":
            try onlyEquality()
            var directions: [String] = []
            for value in values {
                directions.append(try keyword(value, kind: "direction", allowed: ["received", "sent"]))
            }
            return .direction(op, directions)
        case "status":
            try checkOrdering(op, values)
            var patterns: [FilterStatusPattern] = []
            for value in values {
                let text = value.text
                let characters = Array(text.lowercased())
                if let range = value.range {
                    let lower = range.lower.map { Int($0) }
                    let upper = range.upper.map { Int($0) }
                    guard lower != .some(nil), upper != .some(nil) else {
                        throw FilterParseError(
                            message: "a status range needs whole numbers, as in status:400..451, not '\(text)'",
                            offset: value.offset
                        )
                    }
                    patterns.append(.range(lower ?? nil, upper ?? nil))
                } else if !value.hasWildcards, !text.isEmpty, text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }), let code = Int(text) {
                    patterns.append(.code(code))
                } else if characters.count == 3, let digit = characters[0].wholeNumberValue, characters[0].isASCII,
                          characters[1] == "x", characters[2] == "x" {
                    if op.isOrdering {
                        throw FilterParseError(
                            message: "'status\(op.rawValue)' needs a number such as 400, not a class",
                            offset: value.offset
                        )
                    }
                    patterns.append(.class(digit))
                } else {
                    throw FilterParseError(
                        message: "status needs a number such as 200 or a class such as 4xx, not '\(text)'",
                        offset: value.offset
                    )
                }
            }
            return .status(op, patterns)
        case "sev":
            try checkOrdering(op, values)
            var severities: [Finding.Severity] = []
            for value in values {
                let word = value.text.lowercased()
                let aliases: [String: Finding.Severity] = ["warn": .warning, "err": .error]
                if !value.hasWildcards, let severity = Finding.Severity(rawValue: word) ?? aliases[word] {
                    severities.append(severity)
                } else {
                    throw FilterParseError(
                        message: "unknown severity '\(value.text)' (expected error, warning or info)",
                        offset: value.offset
                    )
                }
            }
            return .severity(op, severities)
        case "code":
            try onlyEquality()
            return .code(op, values.map(Self.filterValue))
        case "has":
            // `has:` itself is read by readPaths; any other operator is a mistake.
            throw FilterParseError(
                message: "'has' takes a field path after ':', as in has:user.email",
                offset: operatorOffset
            )
        case "site":
            try checkOrdering(op, values)
            return .site(op, values.map(Self.filterValueOrRange))
        case "method":
            try onlyEquality()
            return .method(op, values.map(Self.filterValue))
        case "path":
            try onlyEquality()
            return .path(op, values.map(Self.filterValue))
        case "seq":
            try checkOrdering(op, values)
            var numbers: [FilterValue] = []
            for value in values {
                if let range = value.range, range.lower.map(FilterDecimal.init) != .some(nil),
                   range.upper.map(FilterDecimal.init) != .some(nil) {
                    numbers.append(FilterValue(range: range))
                    continue
                }
                guard !value.hasWildcards, FilterDecimal(value.text) != nil else {
                    throw FilterParseError(message: "seq needs a number such as 100, not '\(value.text)'", offset: value.offset)
                }
                numbers.append(Self.filterValue(value))
            }
            return .sequence(op, numbers)
        default:
            try checkOrdering(op, values)
            return .field(path, op, values.map(Self.filterValueOrRange))
        }
    }

    /// Ordering operators take exactly one value, without wildcards.
    private func checkOrdering(_ op: FilterOperator, _ values: [RawValue]) throws(FilterParseError) {
        guard op.isOrdering else { return }
        if values.count > 1 {
            throw FilterParseError(
                message: "'|' alternatives cannot be used with '\(op.rawValue)'",
                offset: values[1].offset - 1
            )
        }
        if let value = values.first, value.range != nil {
            throw FilterParseError(
                message: "a range cannot be used with '\(op.rawValue)' (write field:low..high)",
                offset: value.offset
            )
        }
        if let value = values.first, value.hasWildcards {
            throw FilterParseError(message: "wildcards cannot be used with '\(op.rawValue)'", offset: value.offset)
        }
    }

    private static func filterValueOrRange(_ raw: RawValue) -> FilterValue {
        raw.range.map(FilterValue.init(range:)) ?? filterValue(raw)
    }

    private static func filterValue(_ raw: RawValue) -> FilterValue {
        FilterValue(glob: FilterGlob(elements: raw.elements), quoted: raw.quoted)
    }

    // MARK: - Parser

    private var peek: Token? { position < tokens.count ? tokens[position] : nil }

    private mutating func parseQuery() throws(FilterParseError) -> FilterExpression {
        guard !tokens.isEmpty else { return .all }
        let expression = try parseOr()
        if let token = peek {
            // parseOr stops only before a ')' it cannot match.
            throw FilterParseError(message: "unmatched ')': there is no '(' before it", offset: token.offset)
        }
        return expression
    }

    private mutating func parseOr() throws(FilterParseError) -> FilterExpression {
        var operands = [try parseAnd()]
        while case .or(_, let spelling)? = peek {
            position += 1
            try expectTerm(after: spelling)
            operands.append(try parseAnd())
        }
        return Self.combine(operands, or: true)
    }

    private mutating func parseAnd() throws(FilterParseError) -> FilterExpression {
        var operands = [try parseUnary()]
        loop: while let token = peek {
            switch token {
            case .and(_, let spelling):
                position += 1
                try expectTerm(after: spelling)
                operands.append(try parseUnary())
            case .term, .open, .not:
                operands.append(try parseUnary())
            case .or, .close:
                break loop
            }
        }
        return Self.combine(operands, or: false)
    }

    private mutating func parseUnary() throws(FilterParseError) -> FilterExpression {
        if case .not(_, let spelling)? = peek {
            position += 1
            try expectTerm(after: spelling)
            return .not(try parseUnary())
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(FilterParseError) -> FilterExpression {
        guard let token = peek else {
            throw FilterParseError(message: "expected a search term", offset: count)
        }
        switch token {
        case .term(let term, _):
            position += 1
            return .term(term)
        case .open(let offset):
            position += 1
            if case .close(let closeOffset)? = peek {
                throw FilterParseError(message: "empty parentheses: put a search term inside", offset: closeOffset)
            }
            let inner = try parseOr()
            guard case .close? = peek else {
                throw FilterParseError(message: "unclosed '(': add a ')' to close it", offset: offset)
            }
            position += 1
            return inner
        case .close(let offset):
            throw FilterParseError(message: "unmatched ')': there is no '(' before it", offset: offset)
        case .or(let offset, let spelling), .and(let offset, let spelling):
            throw FilterParseError(message: "'\(spelling)' needs a search term before it", offset: offset)
        case .not:
            return try parseUnary()
        }
    }

    private func expectTerm(after spelling: String) throws(FilterParseError) {
        guard let token = peek else {
            throw FilterParseError(message: "expected a search term after '\(spelling)'", offset: count)
        }
        switch token {
        case .term, .open, .not:
            return
        case .or, .and, .close:
            throw FilterParseError(
                message: "expected a search term after '\(spelling)', found '\(token.spelling)'",
                offset: token.offset
            )
        }
    }

    private static func combine(_ operands: [FilterExpression], or: Bool) -> FilterExpression {
        if operands.count == 1 { return operands[0] }
        var flat: [FilterExpression] = []
        for operand in operands {
            switch operand {
            case .or(let inner) where or: flat += inner
            case .and(let inner) where !or: flat += inner
            default: flat.append(operand)
            }
        }
        return or ? .or(flat) : .and(flat)
    }
}
