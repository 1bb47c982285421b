/// Why a filter query could not be parsed, and where: `offset` counts characters (not bytes) from
/// the start of the query, so a caret printed under the query lines up with the problem.
public struct FilterParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, in words a user can act on (`unclosed '(': add a ')' to close it`).
    public var message: String
    /// The character offset in the query the message is about (the query's length when the
    /// problem is that the query ends too early).
    public var offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "filter error at \(offset): \(message)" }

    /// Two lines: the query (with tabs and line breaks shown as spaces) and a `^` under the
    /// character at `offset`.
    ///
    ///     status:abc
    ///            ^
    public func caretLine(for query: String) -> String {
        var line = ""
        var padding = ""
        for (index, character) in query.enumerated() {
            let shown: Character = character.isNewline ? " " : character
            line.append(shown)
            if index < offset {
                padding.append(character == "\t" ? "\t" : " ")
            }
        }
        if offset > query.count {
            padding += String(repeating: " ", count: offset - query.count)
        }
        return line + "\n" + padding + "^"
    }
}
