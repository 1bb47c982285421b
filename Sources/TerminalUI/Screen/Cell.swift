/// One character cell of the screen: a character (a grapheme cluster), the columns it takes, and
/// the UI role that colours it. A wide character (CJK, emoji) takes its cell and the next one,
/// which is a continuation cell: width 0, nothing of its own to draw.
public struct Cell: Sendable, Hashable {
    public var character: Character
    /// 1, 2 for a wide character, 0 for the continuation cell to the right of a wide one.
    public private(set) var width: UInt8
    public var role: StyleRole

    /// A cell holding `character`, its width measured by `TerminalText` (at least 1: zero-width
    /// clusters are not given cells of their own; the buffer leaves them out).
    public init(_ character: Character = " ", role: StyleRole = .normal) {
        self.character = character
        self.width = TerminalText.width(of: character) >= 2 ? 2 : 1
        self.role = role
    }

    private init(continuationOf role: StyleRole) {
        self.character = " "
        self.width = 0
        self.role = role
    }

    /// The cell covered by the right half of a wide character.
    public static func continuation(role: StyleRole) -> Cell { Cell(continuationOf: role) }

    /// True for the right half of a wide character.
    public var isContinuation: Bool { width == 0 }

    public static let blank = Cell()
}
