/// Where a key is pressed: the screen and tab on view, or the line being typed in. The key
/// binding table says in which contexts each binding applies.
public enum KeyContext: String, Sendable, Hashable, CaseIterable {
    /// The list of records.
    case list
    /// A record, on its Tree tab.
    case tree
    /// A record, on its Findings tab.
    case findings
    /// A record, on the Raw, Headers or Answer tab (text that scrolls).
    case text
    /// The help screen.
    case help
    /// Typing a query in the filter bar (`/`).
    case filterBar
    /// Typing in the command line (`:`).
    case commandLine

    /// Every tab of a record.
    public static let record: Set<KeyContext> = [.tree, .findings, .text]
    /// The list and every tab of a record.
    public static let screens: Set<KeyContext> = [.list, .tree, .findings, .text]
    /// The two lines a person types in.
    public static let lines: Set<KeyContext> = [.filterBar, .commandLine]
    /// The list and a record: where compose, marks, replay and diff apply.
    public static let inspector: Set<KeyContext> = record.union([.list])
}
