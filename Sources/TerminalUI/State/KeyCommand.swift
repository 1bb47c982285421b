/// What a key asks the application to do, once the key map has read it in context.
public enum KeyCommand: Sendable, Hashable {
    case moveUp
    case moveDown
    case pageUp
    case pageDown
    case top
    case bottom
    case open
    /// Back one level: detail to stream, help to where it was opened, clear an applied filter.
    case back
    case quit
    case nextRecord
    case previousRecord
    case beginFilter
    case toggleHelp
    /// While editing the filter.
    case filterInsert(Character)
    case filterDeleteBackward
    case filterApply
    case filterCancel
}
