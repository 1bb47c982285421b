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
    /// The next match of the list (every record without a filter); on a record, open it.
    case nextRecord
    /// The previous match of the list; on a record, open it.
    case previousRecord
    /// Open the filter bar (`/`).
    case beginFilter
    /// Open the command line (`:`).
    case beginCommand
    /// Follow new records, or stop following (`F`).
    case toggleFollow
    case toggleHelp
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
    /// Editing the filter bar or the command line.
    case line(LineEdit)
    // Compose, marks, replay and diff (AppReducer+Compose).
    case compose
    case editAndResend
    case toggleMark
    case toggleMarkAll
    case replay
    case stopReplay
    case diff
}

/// What a key does to the line being typed (the filter bar or the command line).
public enum LineEdit: Sendable, Hashable {
    case insert(Character)
    case deleteBackward
    case deleteForward
    case left
    case right
    case home
    case end
    /// Ctrl-U: delete everything before the cursor.
    case deleteToStart
    /// Ctrl-W: delete the word before the cursor.
    case deleteWord
    /// ↑: the previous query of the history.
    case olderHistory
    /// ↓: the next query of the history (past the newest: what was being typed).
    case newerHistory
    /// Tab: complete the command name or argument.
    case complete
    case submit
    case cancel
}
