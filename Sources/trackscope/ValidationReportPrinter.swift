import TrackingModel

/// Formats the reports of `validate`: compiler-style text, a one-line summary, or JSON.
enum ValidationReportPrinter {
    /// One line a finding, `FILE:LINE:COL: severity: message [code] (at path)`, in source order,
    /// each followed by a `note:` line for its hint. Info findings only when asked.
    static func text(_ reports: [(name: String, report: PayloadReport)], includeInfo: Bool) -> String {
        var lines: [String] = []
        for (name, report) in reports {
            let findings = report.allFindings
                .filter { includeInfo || $0.severity != .info }
                .sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }
            // Messages, paths and hints quote the payload: shown, never sent to the terminal.
            let safe: (String) -> String = TerminalSafeText.escaped
            for finding in findings {
                let place = "\(safe(name)):\(finding.line ?? 1):\(finding.column ?? 1)"
                let at = finding.path == "$" ? "" : " (at \(safe(finding.path)))"
                lines.append("\(place): \(finding.severity.rawValue): \(safe(finding.message)) [\(finding.code)]\(at)")
                if let hint = finding.hint {
                    lines.append("\(place): note: \(safe(hint))")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// "2 errors, 1 warning in 3 events (legacy)": what a person reads first.
    static func summary(_ reports: [(name: String, report: PayloadReport)]) -> String {
        let findings = reports.flatMap { $0.report.allFindings }
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        let events = reports.reduce(0) { $0 + $1.report.events.count }
        var dialects: [String] = []
        for event in reports.flatMap({ $0.report.events }) where !dialects.contains(event.dialect.rawValue) {
            dialects.append(event.dialect.rawValue)
        }
        let dialectText = dialects.isEmpty ? "" : " (\(dialects.joined(separator: ", ")))"
        return "\(plural(errors, "error")), \(plural(warnings, "warning")) in \(plural(events, "event"))\(dialectText)"
    }

    /// The reports as a JSON document, for scripts.
    static func json(_ reports: [(name: String, report: PayloadReport)]) -> String {
        var files: [JSONValue] = []
        for (name, report) in reports {
            let events: [JSONValue] = report.events.enumerated().map { index, event in
                var object = JSONObject()
                object["index"] = .number(JSONNumber(index))
                object["dialect"] = .string(event.dialect.rawValue)
                if let value = event.value, let eventName = NormalizedEvent(value).name {
                    object["event_name"] = .string(eventName)
                }
                object["findings"] = .array(event.findings.map(\.jsonValue))
                return .object(object)
            }
            var file = JSONObject()
            file["file"] = .string(name)
            file["findings"] = .array(report.findings.map(\.jsonValue))
            file["events"] = .array(events)
            files.append(.object(file))
        }
        let findings = reports.flatMap { $0.report.allFindings }
        var summary = JSONObject()
        for severity in Finding.Severity.allCases.reversed() {
            summary[severity.rawValue + "s"] = .number(JSONNumber(findings.filter { $0.severity == severity }.count))
        }
        var root = JSONObject()
        root["files"] = .array(files)
        root["summary"] = .object(summary)
        return JSONPrinter.pretty(.object(root))
    }

    private static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
