import TrackingModel

/// The detail screen's keys: the tree, the tabs, the findings and scrolling.
extension AppReducer {
    static func applyDetail(_ command: KeyCommand, to state: inout AppState) {
        guard var detail = state.detail else { return }
        switch command {
        case .nextRecord, .previousRecord:
            let current = state.selection ?? 0
            let target = current + (command == .nextRecord ? 1 : -1)
            guard target >= 0, target < state.listCount, let index = state.recordIndex(atListPosition: target) else {
                state.statusMessage = .init(command == .nextRecord ? "this is the last record" : "this is the first record", remainingTicks: 20)
                return
            }
            let tab = detail.tab
            state.selection = target
            state.isFollowing = target == state.listCount - 1
            state.detail = AppState.Detail(recordIndex: index)
            state.detail?.tab = tab
            return
        case .nextTab: detail.tab = detail.tab.moved(by: 1); detail.scroll = 0
        case .previousTab: detail.tab = detail.tab.moved(by: -1); detail.scroll = 0
        case .selectTab(let tab): detail.tab = tab; detail.scroll = 0
        default:
            switch detail.tab {
            case .tree: applyTree(command, to: &detail, page: max(1, state.detailLayout.treeHeight - 1))
            case .findings: applyFindings(command, to: &detail)
            default: applyScroll(command, to: &detail, state: state)
            }
        }
        state.detail = detail
    }

    private static func applyScroll(_ command: KeyCommand, to detail: inout AppState.Detail, state: AppState) {
        let maximum = maximumDetailScroll(state)
        let page = max(1, state.detailHeight - 1)
        switch command {
        case .moveDown: detail.scroll += 1
        case .moveUp: detail.scroll -= 1
        case .pageDown: detail.scroll += page
        case .pageUp: detail.scroll -= page
        case .top: detail.scroll = 0
        case .bottom: detail.scroll = maximum
        default: return
        }
        detail.scroll = min(max(0, detail.scroll), maximum)
    }

    private static func applyFindings(_ command: KeyCommand, to detail: inout AppState.Detail) {
        guard let record = detail.record, !record.findings.isEmpty else { return }
        let last = record.findings.count - 1
        switch command {
        case .moveDown: detail.findingIndex += 1
        case .moveUp: detail.findingIndex -= 1
        case .top, .pageUp: detail.findingIndex = 0
        case .bottom, .pageDown: detail.findingIndex = last
        case .activate, .expand:
            let finding = DetailTabs.orderedFindings(record.findings)[min(max(0, detail.findingIndex), last)]
            jump(to: finding, in: &detail)
        default: break
        }
        detail.findingIndex = min(max(0, detail.findingIndex), last)
    }

    /// Shows the tree with the finding's field (or its nearest parent in the tree) selected and
    /// every ancestor open.
    static func jump(to finding: Finding, in detail: inout AppState.Detail) {
        detail.tab = .tree
        guard let tree = detail.tree, let path = tree.path(forRawPath: EventTree.path(of: finding)) else { return }
        for length in 1..<max(1, path.count) { detail.opened.insert(Array(path.prefix(length))) }
        detail.selected = path
    }

    private static func applyTree(_ command: KeyCommand, to detail: inout AppState.Detail, page: Int) {
        guard let tree = detail.tree else { return }
        let rows = tree.rows(opened: detail.opened)
        guard !rows.isEmpty else { return }
        let current = rows.firstIndex { $0.path == detail.selected } ?? 0
        let node = rows[current].node
        func select(_ index: Int) { detail.selected = rows[min(max(0, index), rows.count - 1)].path }
        switch command {
        case .moveDown: select(current + 1)
        case .moveUp: select(current - 1)
        case .pageDown: select(current + page)
        case .pageUp: select(current - page)
        case .top: select(0)
        case .bottom: select(rows.count - 1)
        case .expand, .activate:
            guard !node.children.isEmpty else { return }
            if detail.opened.contains(detail.selected) {
                if command == .expand { select(current + 1) }
            } else {
                detail.opened.insert(detail.selected)
            }
        case .collapse:
            if !node.children.isEmpty, detail.opened.contains(detail.selected) {
                detail.opened.remove(detail.selected)
            } else if detail.selected.count > 1 {
                detail.selected.removeLast()
            }
        case .toggle:
            guard !node.children.isEmpty else { return }
            if detail.opened.contains(detail.selected) { detail.opened.remove(detail.selected) } else { detail.opened.insert(detail.selected) }
        case .expandAll:
            detail.opened = tree.expandablePaths
        case .collapseAll:
            detail.opened = []
            if let first = detail.selected.first { detail.selected = [first] }
        default: break
        }
    }

    /// Keeps the tree's selection on a visible row and that row on screen.
    static func keepSelectionVisible(_ state: inout AppState) {
        guard var detail = state.detail, let tree = detail.tree else { return }
        let rows = tree.rows(opened: detail.opened)
        guard !rows.isEmpty else { return }
        var index = rows.firstIndex { $0.path == detail.selected }
        if index == nil {
            // The selection is hidden under a closed node: select its nearest visible ancestor.
            var path = detail.selected
            while index == nil, !path.isEmpty {
                path.removeLast()
                index = rows.firstIndex { $0.path == path }
            }
            detail.selected = rows[index ?? 0].path
        }
        let row = index ?? 0
        let height = max(1, state.detailLayout.treeHeight)
        if row < detail.treeOffset { detail.treeOffset = row }
        if row >= detail.treeOffset + height { detail.treeOffset = row - height + 1 }
        detail.treeOffset = max(0, min(detail.treeOffset, rows.count - height))
        state.detail = detail
    }

    static func maximumDetailScroll(_ state: AppState) -> Int {
        guard let detail = state.detail, let record = detail.record else { return 0 }
        let lines = DetailTabs.lines(for: record, tab: detail.tab, width: state.width, timeZone: state.timeZone).count
        return max(0, lines - state.detailHeight)
    }
}
