/// One character cell of the screen: a character and the UI role that colours it.
public struct Cell: Sendable, Hashable {
    public var character: Character
    public var role: StyleRole

    public init(_ character: Character = " ", role: StyleRole = .normal) {
        self.character = character
        self.role = role
    }

    public static let blank = Cell()
}
