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
    /// On a record: Enter. Expands the tree node; on the Findings tab, jumps to the finding's field.
    case activate
    /// Open the tree node (or step into it when open).
    case expand
    /// Close the tree node, or select its parent when it is closed.
    case collapse
    /// Open or close the tree node.
    case toggle
    case expandAll
    case collapseAll
    case nextTab
    case previousTab
    case selectTab(DetailTab)
    // Compose, marks, replay and diff (AppReducer+Compose).
    case compose
    case editAndResend
    case toggleMark
    case toggleMarkAll
    case replay
    case diff
}
