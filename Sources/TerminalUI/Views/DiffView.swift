import CaptureLog
import Foundation
import TrackingModel

/// The diff of two marked records (`d`): the fields added, removed and changed from the first
/// record's events to the second's, each under its place in the event tree (the tree's labels,
/// indentation and colours) with its path in the payload.
public enum DiffView {
    public static func render(_ state: AppState, into buffer: inout ScreenBuffer) {
        guard let diff = state.diff else { return }
        for row in 0..<max(0, buffer.height - 1) { buffer.fill(row: row, role: .normal) }
        buffer.fill(row: 0, role: .title)
        var title = "trackscope — diff"
        if let first = diff.first, let second = diff.second { title += " #\(first.sequence) → #\(second.sequence)" }
        buffer.write(TextFitting.fit(title, width: buffer.width), column: 0, row: 0, role: .title)
        let lines = self.lines(diff, timeZone: state.timeZone)
        let height = max(0, buffer.height - 2)
        for (offset, line) in lines.dropFirst(diff.scroll).prefix(height).enumerated() {
            buffer.write(line, column: 0, row: 1 + offset, maximumWidth: buffer.width)
        }
    }

    /// The diff's lines: the two records, the counts, then the changes in the tree's layout.
    static func lines(_ diff: DiffState, timeZone: TimeZone) -> [StyledLine] {
        guard let first = diff.first, let second = diff.second, let changes = diff.changes else {
            return [StyledLine("loading…", role: .dim)]
        }
        var lines = [describe(first, sign: "−", timeZone: timeZone), describe(second, sign: "+", timeZone: timeZone)]
        lines.append(StyledLine())
        if changes.isEmpty {
            let firstTree = EventTreeBuilder.tree(for: first)
            let secondTree = EventTreeBuilder.tree(for: second)
            if firstTree.roots.isEmpty || secondTree.roots.isEmpty, first.requestBody != second.requestBody {
                lines.append(StyledLine("The bodies differ, and one is not JSON: compare them on the Raw tab.", role: .warning))
            } else {
                lines.append(StyledLine("The events of #\(first.sequence) and #\(second.sequence) are identical.", role: .info))
            }
            return lines
        }
        let added = changes.count { $0.kind == .added }
        let removed = changes.count { $0.kind == .removed }
        let changed = changes.count { $0.kind == .changed }
        lines.append(StyledLine("\(TextFitting.counted(changes.count, "difference")): \(added) added, \(removed) removed, \(changed) changed",
                                role: .title))
        var shown: EventTree.Path = []
        for change in changes {
            // The ancestors not shown yet, as tree rows.
            let ancestors = change.path.dropLast()
            var common = 0
            while common < ancestors.count, common < shown.count, shown[common] == ancestors[common] { common += 1 }
            for depth in common..<ancestors.count {
                let label = change.labels[depth]
                lines.append(StyledLine([StyledSpan(String(repeating: "  ", count: depth)),
                                         StyledSpan(label, role: depth == 0 ? .title : .jsonKey)]))
            }
            shown = Array(ancestors)
            lines.append(line(for: change))
        }
        return lines
    }

    /// `  ~ currency  "USD" → "EUR"  currency`: indent, sign, label, values, path.
    static func line(for change: EventTreeDiff.Change) -> StyledLine {
        let depth = change.path.count - 1
        var line = StyledLine(String(repeating: "  ", count: depth))
        switch change.kind {
        case .added:
            line.append("+ ", role: .sent)
            line.append(change.labels.last ?? "", role: .jsonKey)
            append(change.new, to: &line)
        case .removed:
            line.append("- ", role: .error)
            line.append(change.labels.last ?? "", role: .jsonKey)
            append(change.old, to: &line)
        case .changed:
            line.append("~ ", role: .warning)
            line.append(change.labels.last ?? "", role: .jsonKey)
            append(change.old, to: &line)
            line.append(" →", role: .dim)
            append(change.new, to: &line)
        }
        if let path = change.rawPath { line.append("  " + path.description, role: .dim) }
        return line
    }

    private static func append(_ value: String?, to line: inout StyledLine) {
        guard let value, !value.isEmpty else { return }
        line.append(" ")
        line.append(value, role: TreeView.role(ofValue: value))
    }

    private static func describe(_ record: CaptureRecord, sign: String, timeZone: TimeZone) -> StyledLine {
        let summary = RecordSummary(index: 0, record: record)
        let received = record.direction == .received
        return StyledLine([
            StyledSpan(sign + " ", role: sign == "+" ? .sent : .error),
            StyledSpan("#\(record.sequence) ", role: .jsonKey),
            StyledSpan(received ? "▼ " : "▲ ", role: received ? .received : .sent),
            StyledSpan(TimeText.clock(record.time, in: timeZone) + " ", role: .dim),
            StyledSpan("\(record.method) \(record.path)  "),
            StyledSpan(summary.eventText, role: .listRow),
        ])
    }

    static func hints() -> [String] { ["j/k scroll", "Esc/d close"] }
}
