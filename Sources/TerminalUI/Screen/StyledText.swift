import TrackingModel

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
    public var length: Int { spans.reduce(0) { $0 + TerminalSafeText.pictured($1.text).count } }

    public mutating func append(_ text: String, role: StyleRole = .normal) {
        spans.append(StyledSpan(text, role: role))
    }

    /// The line cut into pieces of at most `width` cells, at a blank when there is one in the
    /// second half of the piece (so prose wraps between words), else anywhere; continuation
    /// pieces start with `indent` blanks. An empty line stays one empty line.
    public func wrapped(width: Int, indent: Int = 0) -> [StyledLine] {
        guard width > 0 else { return [self] }
        let indent = min(indent, width / 2)
        var cells: [(character: Character, role: StyleRole)] = []
        for span in spans {
            for character in TerminalSafeText.pictured(span.text) { cells.append((character, span.role)) }
        }
        guard cells.count > width else { return [StyledLine(Self.spans(of: cells[...]))] }
        var result: [StyledLine] = []
        var rest = cells[...]
        var room = width
        var prefix: [(character: Character, role: StyleRole)] = []
        while !rest.isEmpty {
            var take = min(room, rest.count)
            if take < rest.count {
                let piece = rest.prefix(take)
                if rest[rest.startIndex + take].character != " ",
                   let blank = piece.lastIndex(where: { $0.character == " " }),
                   blank - rest.startIndex + 1 > room / 2 {
                    take = blank - rest.startIndex + 1
                }
            }
            result.append(StyledLine(Self.spans(of: (prefix + rest.prefix(take))[...])))
            rest = rest.dropFirst(take)
            if result.count == 1 {
                prefix = Array(repeating: (" ", .normal), count: indent)
                room = width - indent
            }
        }
        return result
    }

    private static func spans(of cells: ArraySlice<(character: Character, role: StyleRole)>) -> [StyledSpan] {
        var spans: [StyledSpan] = []
        for cell in cells {
            if spans.last?.role == cell.role {
                spans[spans.count - 1].text.append(cell.character)
            } else {
                spans.append(StyledSpan(String(cell.character), role: cell.role))
            }
        }
        return spans
    }
}
