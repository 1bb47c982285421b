/// What a piece of text is, for the theme to colour: themes name a colour for every role.
public enum StyleRole: String, Sendable, Hashable, CaseIterable {
    case normal
    case title
    case listRow
    case selectedRow
    case received
    case sent
    case error
    case warning
    case info
    case jsonKey
    case jsonString
    case jsonNumber
    case jsonLiteral
    case dim
}
