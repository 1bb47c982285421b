import CaptureLog
import Foundation
import TrackingModel

/// One record in full: the request line, what was found wrong with it, its headers, its body
/// pretty-printed (or shown safely when it is not JSON) and the answer.
public enum DetailView {
    /// Draws the detail screen into `buffer` (rows 0 ..< height - 1).
    public static func render(_ state: AppState, into buffer: inout ScreenBuffer) {
        guard let detail = state.detail else { return }
        buffer.fill(row: 0, role: .title)
        var header = "trackscope — record"
        if let record = detail.record { header += " #\(record.sequence)" }
        if let selection = state.selection { header += " — \(selection + 1) of \(state.listCount)" }
        buffer.write(header, column: 0, row: 0, role: .title)
        guard let record = detail.record else {
            buffer.write("loading…", column: 2, row: 2, role: .dim)
            return
        }
        let lines = lines(for: record, width: buffer.width, timeZone: state.timeZone)
        for row in 0..<state.detailHeight {
            let index = detail.scroll + row
            guard index < lines.count else { break }
            buffer.write(lines[index], column: 0, row: 1 + row)
        }
        if lines.count > state.detailHeight {
            let last = min(lines.count, detail.scroll + state.detailHeight)
            let position = " \(detail.scroll + 1)-\(last)/\(lines.count) "
            buffer.write(position, column: max(0, buffer.width - position.count), row: 0, role: .title)
        }
    }

    /// The record's lines, wrapped to `width`.
    public static func lines(for record: CaptureRecord, width: Int, timeZone: TimeZone) -> [StyledLine] {
        content(for: record, timeZone: timeZone).flatMap { line in
            let indent = line.text.prefix { $0 == " " }.count
            return line.wrapped(width: width, indent: indent + 2)
        }
    }

    /// The record's lines before wrapping.
    static func content(for record: CaptureRecord, timeZone: TimeZone) -> [StyledLine] {
        var lines: [StyledLine] = []
        var first = StyledLine()
        if record.direction == .received {
            first.append("▼ received", role: .received)
        } else {
            first.append("▲ sent", role: .sent)
        }
        first.append("  " + TimeText.full(record.time, in: timeZone), role: .dim)
        lines.append(first)

        var request = StyledLine()
        request.append(record.method + " ", role: .title)
        request.append(record.path + (record.query.isEmpty ? "" : "?" + record.query))
        if let response = record.response {
            request.append("  → ", role: .dim)
            request.append(String(response.status), role: response.status >= 400 ? .error : .normal)
            request.append(" in \(milliseconds(response.latencyMilliseconds))", role: .dim)
        } else {
            request.append("  → no answer", role: .dim)
        }
        lines.append(request)

        var facts: [String] = []
        if let site = record.siteId { facts.append("site \(site)") }
        facts.append("dialect \(record.dialect?.rawValue ?? "not detected")")
        if let target = record.targetURL { facts.append("to \(target)") }
        if let source = record.sourceSequence { facts.append("replays #\(source)") }
        lines.append(StyledLine(facts.joined(separator: " · "), role: .dim))

        lines.append(StyledLine())
        lines.append(contentsOf: findingLines(record.findings))

        lines.append(StyledLine())
        lines.append(StyledLine("Request headers (\(record.requestHeaders.count))", role: .title))
        for header in record.requestHeaders {
            var line = StyledLine("  ")
            line.append(header.name + ":", role: .jsonKey)
            line.append(" " + header.value)
            lines.append(line)
        }

        lines.append(StyledLine())
        lines.append(contentsOf: bodyLines(title: "Request body", bytes: record.requestBody))

        if let response = record.response {
            lines.append(StyledLine())
            lines.append(contentsOf: bodyLines(title: "Response \(response.status) body", bytes: response.body))
        }
        return lines
    }

    private static func findingLines(_ findings: [Finding]) -> [StyledLine] {
        guard !findings.isEmpty else { return [StyledLine("Findings: none", role: .title)] }
        let errors = findings.count { $0.severity == .error }
        let warnings = findings.count { $0.severity == .warning }
        var lines = [StyledLine("Findings (\(TextFitting.counted(errors, "error")), \(TextFitting.counted(warnings, "warning")), \(findings.count - errors - warnings) info)", role: .title)]
        let ordered = findings.enumerated().sorted { lhs, rhs in
            lhs.element.severity != rhs.element.severity ? lhs.element.severity > rhs.element.severity : lhs.offset < rhs.offset
        }.map(\.element)
        for finding in ordered {
            let role: StyleRole = switch finding.severity {
            case .error: .error
            case .warning: .warning
            case .info: .info
            }
            var line = StyledLine("  ")
            line.append(TextFitting.fit(finding.severity.rawValue, width: 7), role: role)
            line.append(" " + finding.code, role: role)
            line.append("  " + finding.path, role: .jsonKey)
            if let row = finding.line {
                line.append(" (line \(row)\(finding.column.map { ", column \($0)" } ?? ""))", role: .dim)
            }
            lines.append(line)
            lines.append(StyledLine("          " + finding.message))
            if let hint = finding.hint {
                var hintLine = StyledLine("          ")
                hintLine.append("hint: ", role: .dim)
                hintLine.append(hint)
                lines.append(hintLine)
            }
        }
        return lines
    }

    private static func bodyLines(title: String, bytes: [UInt8]) -> [StyledLine] {
        let size = TextFitting.counted(bytes.count, "byte")
        switch PayloadDecoder.decode(bytes) {
        case .empty:
            return [StyledLine("\(title): empty", role: .title)]
        case .body(let body):
            let values = body.documents
            let form = body.form == .jsonLines ? "JSON Lines, \(values.count) documents" : "JSON"
            var lines = [StyledLine("\(title) (\(size), \(form))", role: .title)]
            for value in values {
                lines.append(contentsOf: JSONStyler.lines(value).map { StyledLine([StyledSpan("  ")] + $0.spans) })
            }
            return lines
        case .invalid(let message):
            // Lines split on the newline byte alone: a CR stays visible as ␍.
            var rows = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            if rows.last == "" { rows.removeLast() }
            let note = rows.contains { $0.unicodeScalars.contains("\u{FFFD}") } ? "; not UTF-8, shown with �" : ""
            var lines = [StyledLine("\(title) (\(size), not JSON: \(message)\(note))", role: .title)]
            for row in rows {
                // ScreenBuffer sanitises again; doing it here keeps wrapping widths exact.
                lines.append(StyledLine("  " + TerminalSafeText.pictured(row)))
            }
            return lines
        }
    }

    private static func milliseconds(_ value: Double) -> String {
        value < 10 ? String(format: "%.1f ms", value) : "\(Int(value.rounded())) ms"
    }
}
