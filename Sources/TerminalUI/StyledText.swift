/// A run of text in one style role.
public struct StyledSpan: Sendable, Hashable {
    public var text: String
    public var role: StyleRole

    public init(_ text: String, role: StyleRole = .normal) {
        self.text = text
        self.role = role
    }
}

/// One line of styled text: what views compose before writing it into a buffer.
public struct StyledLine: Sendable, Hashable {
    public var spans: [StyledSpan]

    public init(_ spans: [StyledSpan] = []) {
        self.spans = spans
    }

    public init(_ text: String, role: StyleRole = .normal) {
        self.spans = [StyledSpan(text, role: role)]
    }

    /// The plain text of the line.
    public var text: String { spans.map(\.text).joined() }

    /// The number of cells the line takes once sanitised.
    public var length: Int { spans.reduce(0) { $0 + TerminalText.sanitized($1.text).count } }

    public mutating func append(_ text: String, role: StyleRole = .normal) {
        spans.append(StyledSpan(text, role: role))
    }

    /// The line cut into pieces of at most `width` cells; continuation pieces start with
    /// `indent` blanks. An empty line stays one empty line.
    public func wrapped(width: Int, indent: Int = 0) -> [StyledLine] {
        guard width > 0 else { return [self] }
        let indent = min(indent, width / 2)
        var result: [StyledLine] = []
        var current = StyledLine()
        var used = 0
        for span in spans {
            var pending = Substring(TerminalText.sanitized(span.text))
            while !pending.isEmpty {
                if used == width {
                    result.append(current)
                    current = StyledLine(String(repeating: " ", count: indent))
                    used = indent
                }
                let take = min(width - used, pending.count)
                let piece = pending.prefix(take)
                current.append(String(piece), role: span.role)
                used += take
                pending = pending.dropFirst(take)
            }
        }
        result.append(current)
        return result
    }
}
