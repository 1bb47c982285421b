/// A line of text being typed, with its cursor: what the filter bar and the command line edit.
public struct LineEditor: Sendable, Hashable {
    public private(set) var characters: [Character]
    /// The cursor, from 0 (before the first character) to `characters.count` (after the last).
    public private(set) var cursor: Int

    /// A line holding `text`, the cursor at its end.
    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    /// Replaces the whole text, the cursor at its end.
    public mutating func set(_ text: String) {
        self = LineEditor(text)
    }

    /// Applies a cursor move or an edit; returns false for the edits a line alone cannot do
    /// (history, completion, submit, cancel).
    @discardableResult
    public mutating func apply(_ edit: LineEdit) -> Bool {
        switch edit {
        case .insert(let character):
            characters.insert(character, at: cursor)
            cursor += 1
        case .deleteBackward:
            guard cursor > 0 else { break }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .deleteForward:
            guard cursor < characters.count else { break }
            characters.remove(at: cursor)
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = characters.count
        case .deleteToStart:
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .deleteWord:
            var start = cursor
            while start > 0, characters[start - 1].isWhitespace { start -= 1 }
            while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .olderHistory, .newerHistory, .complete, .submit, .cancel:
            return false
        }
        return true
    }
}
