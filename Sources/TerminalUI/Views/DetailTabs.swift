import CaptureLog
import Foundation
import TrackingModel

/// The lines of the detail tabs that are text: Raw, Headers, Findings and Answer (the Tree tab is
/// drawn by `TreeView`).
public enum DetailTabs {
    /// The lines of `tab`, wrapped to `width`.
    public static func lines(for record: CaptureRecord, tab: DetailTab, width: Int, timeZone: TimeZone) -> [StyledLine] {
        let content: [StyledLine] = switch tab {
        case .tree: []
        case .raw: rawLines(record)
        case .headers: headerLines(record, timeZone: timeZone)
        case .findings: findingLines(record.findings, selected: nil)
        case .answer: answerLines(record)
        }
        return wrap(content, width: width)
    }

    static func wrap(_ lines: [StyledLine], width: Int) -> [StyledLine] {
        lines.flatMap { line in
            let indent = line.text.prefix { $0 == " " }.count
            return line.wrapped(width: width, indent: indent + 2)
        }
    }

    /// The request line and its facts: direction, time, method, path, answer, site and dialect.
    static func summaryLines(_ record: CaptureRecord, timeZone: TimeZone) -> [StyledLine] {
        var first = StyledLine()
        if record.direction == .received {
            first.append("▼ received", role: .received)
        } else {
            first.append("▲ sent", role: .sent)
        }
        first.append("  " + TimeText.full(record.time, in: timeZone), role: .dim)

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

        var facts: [String] = []
        if let site = record.siteId { facts.append("site \(site)") }
        facts.append("dialect \(record.dialect?.rawValue ?? "not detected")")
        if let target = record.targetURL { facts.append("to \(target)") }
        if let source = record.sourceSequence { facts.append("replays #\(source)") }
        return [first, request, StyledLine(facts.joined(separator: " · "), role: .dim)]
    }

    /// Headers: the request line, then the request headers (secrets already fingerprinted).
    static func headerLines(_ record: CaptureRecord, timeZone: TimeZone) -> [StyledLine] {
        var lines = summaryLines(record, timeZone: timeZone)
        lines.append(StyledLine())
        lines.append(StyledLine("Request headers (\(record.requestHeaders.count))", role: .title))
        for header in record.requestHeaders {
            var line = StyledLine("  ")
            line.append(header.name + ":", role: .jsonKey)
            line.append(" " + header.value)
            lines.append(line)
        }
        return lines
    }

    /// Raw: the body exactly as received, with line numbers; the line where JSON broke is marked.
    static func rawLines(_ record: CaptureRecord) -> [StyledLine] {
        let bytes = record.requestBody
        let size = TextFitting.counted(bytes.count, "byte")
        // Lines split on the newline byte alone: a CR stays visible as ␍.
        var rows = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        if rows.last == "" { rows.removeLast() }
        let note = rows.contains(where: { $0.unicodeScalars.contains("\u{FFFD}") }) ? "; not UTF-8, shown with �" : ""
        var errorLine: Int?
        let title: String
        switch PayloadDecoder.decode(bytes) {
        case .empty:
            return [StyledLine("Request body: empty", role: .title)]
        case .body(let body):
            title = "Request body (\(size), \(body.form == .jsonLines ? "JSON Lines, \(body.documents.count) documents" : "JSON")\(note))"
        case .invalid(let message):
            title = "Request body (\(size), not JSON: \(message)\(note))"
            do { _ = try JSONParser.parse(bytes) } catch { errorLine = error.position.line }
        }
        var lines = [StyledLine(title, role: .title)]
        let digits = max(3, String(rows.count).count)
        for (index, row) in rows.enumerated() {
            let number = String(index + 1)
            let isError = errorLine == index + 1
            var line = StyledLine(String(repeating: " ", count: digits - number.count) + number, role: isError ? .error : .dim)
            line.append(isError ? " ▶ " : " │ ", role: isError ? .error : .dim)
            // ScreenBuffer sanitises again; doing it here keeps wrapping widths exact.
            line.append(TerminalSafeText.pictured(row))
            lines.append(line)
        }
        return lines
    }

    /// The findings, errors first, in the order they were found.
    public static func orderedFindings(_ findings: [Finding]) -> [Finding] {
        findings.enumerated().sorted { lhs, rhs in
            lhs.element.severity != rhs.element.severity ? lhs.element.severity > rhs.element.severity : lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// Findings: a count, then each finding with its path, place, message and hint; the one at
    /// `selected` (in `orderedFindings` order) is marked.
    static func findingLines(_ findings: [Finding], selected: Int?) -> [StyledLine] {
        guard !findings.isEmpty else { return [StyledLine("Findings: none", role: .title)] }
        let errors = findings.count { $0.severity == .error }
        let warnings = findings.count { $0.severity == .warning }
        var lines = [StyledLine("Findings (\(TextFitting.counted(errors, "error")), \(TextFitting.counted(warnings, "warning")), \(findings.count - errors - warnings) info)", role: .title)]
        for (index, finding) in orderedFindings(findings).enumerated() {
            let role = role(of: finding.severity)
            var line = StyledLine(index == selected ? "▶ " : "  ", role: .title)
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

    static func role(of severity: Finding.Severity) -> StyleRole {
        switch severity {
        case .error: .error
        case .warning: .warning
        case .info: .info
        }
    }

    /// Answer: status, latency, the answer's headers and body.
    static func answerLines(_ record: CaptureRecord) -> [StyledLine] {
        guard let response = record.response else { return [StyledLine("No answer", role: .title)] }
        var status = StyledLine("Answer ", role: .title)
        status.append(String(response.status), role: response.status >= 400 ? .error : .title)
        status.append(" in \(milliseconds(response.latencyMilliseconds))", role: .dim)
        var lines = [status, StyledLine(), StyledLine("Headers (\(response.headers.count))", role: .title)]
        for header in response.headers {
            var line = StyledLine("  ")
            line.append(header.name + ":", role: .jsonKey)
            line.append(" " + header.value)
            lines.append(line)
        }
        lines.append(StyledLine())
        lines.append(contentsOf: bodyLines(title: "Body", bytes: response.body))
        return lines
    }

    static func bodyLines(title: String, bytes: [UInt8]) -> [StyledLine] {
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
            var lines = [StyledLine("\(title) (\(size), not JSON: \(message))", role: .title)]
            var rows = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            if rows.last == "" { rows.removeLast() }
            for row in rows { lines.append(StyledLine("  " + TerminalSafeText.pictured(row))) }
            return lines
        }
    }

    static func milliseconds(_ value: Double) -> String {
        value < 10 ? String(format: "%.1f ms", value) : "\(Int(value.rounded())) ms"
    }
}
