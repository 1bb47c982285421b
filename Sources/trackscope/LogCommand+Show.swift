import ArgumentParser
import CaptureLog
import Foundation
import TrackingModel

extension LogCommand {
    /// `trackscope log show SEQ`: one record, readable.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one record: request, body (pretty when JSON), answer, findings.")

        @OptionGroup var location: LogLocationOptions

        @Argument(help: "The record's sequence number.")
        var sequence: UInt64

        func run() async throws {
            let files = LogFiles.open(location)
            let found: CaptureRecord?
            do {
                found = try files.record(sequence: sequence)
            } catch {
                LogCommand.fail("record \(sequence): \(error)")
            }
            guard let record = found else {
                let kept = files.segmentCount > 0 ? " or its \(files.segmentCount) rotated segment(s)" : ""
                LogCommand.fail("no record \(sequence) in \(files.live.path)\(kept)")
            }
            var output = StandardOutput()
            output.write(Self.render(record))
            output.flush()
        }

        static func render(_ record: CaptureRecord) -> String {
            var lines: [String] = []
            let query = record.query.isEmpty ? "" : "?" + record.query
            lines.append("#\(record.sequence)  \(ISOTime.string(record.time))  \(record.direction.rawValue)  \(TerminalSafeText.escaped(record.method)) \(TerminalSafeText.escaped(record.path + query))")
            if let site = record.siteId { lines.append("site:     \(TerminalSafeText.escaped(site))") }
            if let target = record.targetURL { lines.append("target:   \(TerminalSafeText.escaped(target))") }
            if let source = record.sourceSequence { lines.append("from:     #\(source)") }
            if let dialect = record.dialect { lines.append("dialect:  \(dialect.rawValue)") }
            let names = record.eventNames
            if !names.isEmpty { lines.append("events:   \(names.map(TerminalSafeText.escaped).joined(separator: ", "))") }
            lines.append("")
            lines.append("request headers:")
            for field in record.requestHeaders { lines.append("  \(TerminalSafeText.escaped(field.name)): \(TerminalSafeText.escaped(field.value))") }
            lines.append("")
            lines.append("request body (\(record.requestBody.count) bytes):")
            lines.append(body(record.requestBody))
            if let response = record.response {
                lines.append("")
                lines.append("answer: \(response.status) in \(String(format: "%.1f", response.latencyMilliseconds)) ms")
                for field in response.headers { lines.append("  \(TerminalSafeText.escaped(field.name)): \(TerminalSafeText.escaped(field.value))") }
                if !response.body.isEmpty { lines.append(body(response.body)) }
            }
            if !record.findings.isEmpty {
                lines.append("")
                lines.append("findings:")
                for finding in record.findings {
                    var place = finding.path
                    if let line = finding.line { place += " (\(line):\(finding.column ?? 0))" }
                    lines.append("  \(finding.severity.rawValue): \(TerminalSafeText.escaped(finding.message)) [\(finding.code)] at \(TerminalSafeText.escaped(place))")
                    if let hint = finding.hint { lines.append("    hint: \(TerminalSafeText.escaped(hint))") }
                }
            }
            return lines.joined(separator: "\n") + "\n"
        }

        /// JSON pretty-printed; anything else with control characters made visible.
        static func body(_ bytes: [UInt8]) -> String {
            if let value = try? JSONParser.parseValue(bytes) {
                return TerminalSafeText.escaped(bytes: Array(JSONPrinter.pretty(value).utf8), keepNewlines: true)
            }
            return TerminalSafeText.escaped(bytes: bytes, keepNewlines: true)
        }
    }
}
