import CaptureLog
import Foundation
import TrackingModel

/// One record in full, in tabs: the tree of its events with the teaching panel, the raw body,
/// the headers, the findings and the answer.
public enum DetailView {
    /// Draws the detail screen into `buffer` (rows 0 ..< height - 1).
    public static func render(_ state: AppState, into buffer: inout ScreenBuffer) {
        guard let detail = state.detail else { return }
        buffer.fill(row: 0, role: .title)
        var header = "trackscope — record"
        if let record = detail.record { header += " #\(record.sequence)" }
        if let selection = state.selection { header += " — \(selection + 1) of \(state.listCount)" }
        buffer.write(header, column: 0, row: 0, role: .title)
        let layout = state.detailLayout
        renderTabBar(detail, layout: layout, into: &buffer)
        guard let record = detail.record else {
            buffer.write("loading…", column: 2, row: layout.contentTop + 1, role: .dim)
            return
        }
        switch detail.tab {
        case .tree:
            TreeView.render(detail, layout: layout, into: &buffer)
        case .findings:
            var lines = DetailTabs.wrap(DetailTabs.findingLines(record.findings, selected: detail.findingIndex), width: buffer.width)
            if !record.findings.isEmpty {
                lines.append(StyledLine())
                lines.append(StyledLine("⏎ shows the finding's field in the tree", role: .dim))
            }
            let selectedLine = lines.firstIndex { $0.text.hasPrefix("▶ ") } ?? 0
            let top = max(0, selectedLine - layout.contentHeight + 3)
            renderLines(lines, from: top, state: state, layout: layout, into: &buffer)
        default:
            let lines = DetailTabs.lines(for: record, tab: detail.tab, width: buffer.width, timeZone: state.timeZone)
            renderLines(lines, from: detail.scroll, state: state, layout: layout, into: &buffer)
        }
    }

    /// The tab bar: `[1 Tree]  2 Raw  3 Headers  4 Findings (2)  5 Answer`, the current tab
    /// bracketed and highlighted.
    static func renderTabBar(_ detail: AppState.Detail, layout: DetailLayout, into buffer: inout ScreenBuffer) {
        var column = 0
        for tab in DetailTab.allCases {
            var title = "\(tab.rawValue + 1) \(tab.title)"
            if tab == .findings, let count = detail.record?.findings.count, count > 0 { title += " (\(count))" }
            let isCurrent = tab == detail.tab
            let text = isCurrent ? "[\(title)]" : " \(title) "
            column = buffer.write(text, column: column, row: layout.tabBarRow, role: isCurrent ? .selectedRow : .dim)
            column += 1
        }
    }

    private static func renderLines(_ lines: [StyledLine], from top: Int, state: AppState, layout: DetailLayout,
                                    into buffer: inout ScreenBuffer) {
        for row in 0..<layout.contentHeight {
            let index = top + row
            guard index < lines.count else { break }
            buffer.write(lines[index], column: 0, row: layout.contentTop + row)
        }
        if lines.count > layout.contentHeight {
            let last = min(lines.count, top + layout.contentHeight)
            let position = " \(top + 1)-\(last)/\(lines.count) "
            buffer.write(position, column: max(0, buffer.width - position.count), row: 0, role: .title)
        }
    }
}
