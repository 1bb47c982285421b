import Foundation
import TrackingModel

/// The live list of records: a header, column titles, one row a record, the selected row
/// highlighted, following the newest record unless the user scrolled away.
public enum StreamView {
    /// Draws the stream into `buffer` (rows 0 ..< height - 1; the status bar draws the last).
    public static func render(_ state: AppState, into buffer: inout ScreenBuffer) {
        renderHeader(state, into: &buffer)
        // Wide enough for the log's size, so columns do not shift while scrolling.
        let visibleMaximum = state.visiblePositions
            .compactMap { state.recordIndex(atListPosition: $0).flatMap { state.rows[$0] }?.sequence }
            .max() ?? 0
        let sequenceWidth = max(String(visibleMaximum).count, String(state.recordCount).count)
        // While records are marked, a mark column comes first and the others move right.
        let markWidth = state.marks.isEmpty ? 0 : 2
        var columns = StreamColumns(width: buffer.width - markWidth, sequenceWidth: sequenceWidth)
        for index in columns.columns.indices { columns.columns[index].x += markWidth }
        for column in columns.columns {
            let title = TextFitting.fit(StreamColumns.title(column.kind), width: column.width,
                                        alignRight: StreamColumns.isRightAligned(column.kind))
            buffer.write(title, column: column.x, row: 1, role: .dim)
        }
        let firstRow = 2
        if state.recordCount == 0, let address = state.collectorAddress, !state.filter.isActive {
            FirstEventView.render(collectorAddress: address, into: &buffer, rows: firstRow..<(firstRow + state.listHeight))
            return
        }
        if state.listCount == 0 {
            renderEmpty(state, into: &buffer, firstRow: firstRow)
            return
        }
        for (offset, position) in state.visiblePositions.enumerated() {
            let row = firstRow + offset
            guard let index = state.recordIndex(atListPosition: position) else { continue }
            if let summary = state.rows[index] {
                renderRow(summary, columns: columns, state: state, row: row, into: &buffer)
            } else {
                buffer.write("…", column: 0, row: row, role: .dim)
            }
            if state.marks.contains(index) { buffer.write("●", column: 0, row: row, role: .warning) }
            if position == state.selection { buffer.setRole(.selectedRow, row: row) }
        }
    }

    /// "trackscope — PATH — N records — following — 3 received, 1 sent, 2 with errors, 1 with
    /// warnings, 0.5/s — collecting on URL". When that does not leave the log's path 24 columns (or
    /// all it needs, when shorter), it gets shorter a step at a time: the figures in short (`▼3 ▲1 E2 W1 0.5/s`),
    /// then the collector's address without its words (the port stays whole), then without the
    /// program's name; the path, shortened from the left, takes what is left. Still too wide with
    /// a filter applied, the query is cut (the address never is: its port matters).
    static func headerText(_ state: AppState, width: Int) -> String {
        let pathWanted = min(24, TerminalText.width(of: state.logPath))
        var shortest = ""
        for compactness in HeaderCompactness.allCases {
            let text = headerText(state, width: width, compactness: compactness)
            if text.pathRoom >= pathWanted { return text.text }
            shortest = text.text
        }
        let overflow = TerminalText.width(of: TerminalSafeText.pictured(shortest)) - width
        if state.filter.isActive, overflow > 0 {
            let queryWidth = TerminalText.width(of: TerminalSafeText.pictured(state.filter.applied))
            return headerText(state, width: width, compactness: .noProgramName, queryWidth: max(1, queryWidth - overflow)).text
        }
        return shortest
    }

    /// How much the header leaves out, from nothing to everything it can.
    private enum HeaderCompactness: Int, CaseIterable, Comparable {
        case full, trafficInSymbols, addressOnly, noProgramName

        static func < (left: Self, right: Self) -> Bool { left.rawValue < right.rawValue }
    }

    /// The header at `compactness`, the applied query cut to `queryWidth` columns when given.
    private static func headerText(_ state: AppState, width: Int, compactness: HeaderCompactness,
                                   queryWidth: Int? = nil) -> (text: String, pathRoom: Int) {
        var parts: [String] = []
        switch state.source {
        case .waiting(let reason):
            parts.append(reason)
        case .failed(let message):
            parts.append("cannot read the log: \(message)")
        case .available:
            if state.filter.isActive {
                let scanning = state.filter.scannedCount < state.recordCount ? " (searching…)" : ""
                let query = queryWidth.map { TextFitting.fit(state.filter.applied, width: $0) } ?? state.filter.applied
                parts.append("\(state.filter.matches.count) of \(TextFitting.counted(state.recordCount, "record")) match “\(query)”\(scanning)")
            } else {
                parts.append(TextFitting.counted(state.recordCount, "record"))
            }
            parts.append(state.isFollowing ? "following" : "paused")
            parts.append(trafficText(state, inSymbols: compactness >= .trafficInSymbols))
        }
        if let collectorAddress = state.collectorAddress {
            parts.append(compactness >= .addressOnly
                ? collectorAddress.replacingOccurrences(of: "http://", with: "")
                : "collecting on \(collectorAddress)")
        }
        let tail = parts.map { " — " + $0 }.joined()
        let tailLength = TerminalText.width(of: TerminalSafeText.pictured(tail))
        let prefix = compactness >= .noProgramName ? "" : "trackscope — "
        let room = width - prefix.count - tailLength
        let path = room >= 8 ? TextFitting.keepingEnd(state.logPath, width: room) : "…"
        return (prefix + path + tail, room)
    }

    /// Received, sent, with errors, with warnings, and the rate.
    private static func trafficText(_ state: AppState, inSymbols: Bool) -> String {
        let counts = state.finder.tally.counts
        let rate = state.finder.traffic.recordsPerSecond ?? 0
        let rateText = rate < 10 ? String(format: "%.1f/s", rate) : "\(Int(rate.rounded()))/s"
        if inSymbols {
            return "▼\(counts.received) ▲\(counts.sent) E\(counts.withErrors) W\(counts.withWarnings) \(rateText)"
        }
        return "\(counts.received) received, \(counts.sent) sent, \(counts.withErrors) with errors, \(counts.withWarnings) with warnings, \(rateText)"
    }

    private static func renderHeader(_ state: AppState, into buffer: inout ScreenBuffer) {
        buffer.fill(row: 0, role: .title)
        buffer.write(headerText(state, width: buffer.width), column: 0, row: 0, role: .title)
    }

    private static func renderEmpty(_ state: AppState, into buffer: inout ScreenBuffer, firstRow: Int) {
        let message: String
        switch state.source {
        case .waiting(let reason): message = reason
        case .failed(let error): message = "cannot read the log: \(error)"
        case .available:
            if state.filter.isActive {
                message = state.filter.scannedCount < state.recordCount
                    ? "searching for “\(state.filter.applied)”…"
                    : "no record matches “\(state.filter.applied)” (Esc clears the filter)"
            } else {
                message = "waiting for records"
            }
        }
        let row = firstRow + max(0, state.listHeight / 2 - 1)
        let text = TextFitting.fit(message, width: buffer.width)
        let trimmed = TerminalText.width(of: text) - text.reversed().prefix { $0 == " " }.count
        buffer.write(text, column: max(0, (buffer.width - trimmed) / 2), row: row, role: .dim)
    }

    private static func renderRow(_ summary: RecordSummary, columns: StreamColumns, state: AppState, row: Int,
                                  into buffer: inout ScreenBuffer) {
        for column in columns.columns {
            let width = column.width
            let align = StreamColumns.isRightAligned(column.kind)
            switch column.kind {
            case .sequence:
                buffer.write(TextFitting.fit(String(summary.sequence), width: width, alignRight: align), column: column.x, row: row, role: .dim)
            case .time:
                buffer.write(TextFitting.fit(TimeText.clock(summary.time, in: state.timeZone), width: width), column: column.x, row: row, role: .dim)
            case .direction:
                let received = summary.direction == .received
                buffer.write(received ? "▼" : "▲", column: column.x, row: row, role: received ? .received : .sent)
            case .method:
                buffer.write(TextFitting.fit(summary.method, width: width), column: column.x, row: row, role: .listRow)
            case .path:
                buffer.write(TextFitting.fit(summary.path, width: width), column: column.x, row: row, role: .listRow)
            case .event:
                let role: StyleRole = summary.eventNames.isEmpty ? (summary.bodyNote == "invalid JSON" ? .error : .dim) : .listRow
                buffer.write(TextFitting.fit(summary.eventText, width: width), column: column.x, row: row, role: role)
            case .site:
                buffer.write(TextFitting.fit(summary.siteId ?? "—", width: width), column: column.x, row: row, role: summary.siteId == nil ? .dim : .listRow)
            case .user:
                let users = summary.userIds.joined(separator: ", ")
                buffer.write(TextFitting.fit(users.isEmpty ? "—" : users, width: width), column: column.x, row: row, role: users.isEmpty ? .dim : .listRow)
            case .dialect:
                let role: StyleRole = summary.dialect == .unknown ? .warning : .listRow
                buffer.write(TextFitting.fit(summary.dialect?.rawValue ?? "—", width: width), column: column.x, row: row, role: role)
            case .status:
                let status = summary.status
                let role: StyleRole = (status ?? 0) >= 400 ? .error : .listRow
                buffer.write(TextFitting.fit(status.map(String.init) ?? "—", width: width, alignRight: align), column: column.x, row: row, role: role)
            case .issues:
                var line = StyledLine()
                if summary.errorCount > 0 { line.append("E\(summary.errorCount)", role: .error) }
                if summary.warningCount > 0 {
                    if !line.spans.isEmpty { line.append(" ") }
                    line.append("W\(summary.warningCount)", role: .warning)
                }
                if line.spans.isEmpty { line.append("ok", role: .dim) }
                buffer.write(line, column: column.x, row: row, maximumWidth: width)
            }
        }
    }
}
