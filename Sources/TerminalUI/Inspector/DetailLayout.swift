/// Where the parts of the detail screen go for a terminal size: the tab bar under the title, then
/// on the Tree tab the selected node's path, the tree, and the teaching panel below it (or at the
/// right on wide terminals).
public struct DetailLayout: Sendable, Equatable {
    /// Terminals at least this wide get the teaching panel at the right of the tree.
    public static let sidePanelWidth = 120

    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// The row of the tab bar.
    public var tabBarRow: Int { 1 }
    /// The first row of a tab's content.
    public var contentTop: Int { 2 }
    /// Rows of a tab's content (the screen less the title, the tab bar and the status line).
    public var contentHeight: Int { max(0, height - 3) }

    /// True when the panel sits at the right of the tree.
    public var isPanelAtSide: Bool { width >= Self.sidePanelWidth }

    /// The row with the selected node's path.
    public var pathRow: Int { contentTop }
    /// The first row of the tree.
    public var treeTop: Int { contentTop + 1 }
    /// The columns of the tree.
    public var treeWidth: Int { isPanelAtSide ? width - panelWidth - 1 : width }
    /// Rows of the tree.
    public var treeHeight: Int { max(1, contentHeight - 1 - (isPanelAtSide ? 0 : panelHeight)) }

    /// The panel's rectangle, its title line included.
    public var panelColumn: Int { isPanelAtSide ? width - panelWidth : 0 }
    public var panelWidth: Int { isPanelAtSide ? width * 2 / 5 : width }
    public var panelTop: Int { isPanelAtSide ? treeTop : treeTop + treeHeight }
    public var panelHeight: Int {
        isPanelAtSide ? max(1, contentHeight - 1) : max(4, min(8, (height - 4) / 3))
    }
}
