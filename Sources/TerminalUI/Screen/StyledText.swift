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

    /// The number of columns the line takes once sanitised (a wide character counts two).
    public var length: Int { spans.reduce(0) { $0 + TerminalText.width(of: TerminalSafeText.pictured($1.text)) } }

    public mutating func append(_ text: String, role: StyleRole = .normal) {
        spans.append(StyledSpan(text, role: role))
    }

    private typealias Piece = (character: Character, role: StyleRole, width: Int)

    /// The line cut into pieces of at most `width` columns, at a blank when there is one in the
    /// second half of the piece (so prose wraps between words), else anywhere but inside a
    /// character; continuation pieces start with `indent` blanks. An empty line stays one empty line.
    public func wrapped(width: Int, indent: Int = 0) -> [StyledLine] {
        guard width > 0 else { return [self] }
        let indent = min(indent, width / 2)
        var pieces: [Piece] = []
        for span in spans {
            for character in TerminalSafeText.pictured(span.text) {
                let columns = TerminalText.width(of: character)
                if columns > 0 { pieces.append((character, span.role, columns)) }
            }
        }
        guard pieces.reduce(0, { $0 + $1.width }) > width else { return [StyledLine(Self.spans(of: pieces[...]))] }
        var result: [StyledLine] = []
        var rest = pieces[...]
        var room = width
        var prefix: [Piece] = []
        while !rest.isEmpty {
            var take = 0
            var used = 0
            while take < rest.count, used + rest[rest.startIndex + take].width <= room {
                used += rest[rest.startIndex + take].width
                take += 1
            }
            // A wide character in a room of one column: it goes alone (the buffer draws a blank).
            take = max(take, 1)
            if take < rest.count, rest[rest.startIndex + take].character != " ",
               let blank = rest.prefix(take).lastIndex(where: { $0.character == " " }),
               rest[...blank].reduce(0, { $0 + $1.width }) > room / 2 {
                take = blank - rest.startIndex + 1
            }
            result.append(StyledLine(Self.spans(of: (prefix + rest.prefix(take))[...])))
            rest = rest.dropFirst(take)
            if result.count == 1 {
                prefix = Array(repeating: (" ", .normal, 1), count: indent)
                room = width - indent
            }
        }
        return result
    }

    private static func spans(of pieces: ArraySlice<Piece>) -> [StyledSpan] {
        var spans: [StyledSpan] = []
        for piece in pieces {
            if spans.last?.role == piece.role {
                spans[spans.count - 1].text.append(piece.character)
            } else {
                spans.append(StyledSpan(String(piece.character), role: piece.role))
            }
        }
        return spans
    }
}
