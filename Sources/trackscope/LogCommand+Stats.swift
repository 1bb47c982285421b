import ArgumentParser
import CaptureLog
import Foundation
import TrackingModel

extension LogCommand {
    /// `trackscope log stats`: counts by direction, event, status, severity and dialect.
    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Summarise the capture log (with its kept rotated segments): counts by direction, event, status, severity, dialect.")

        @OptionGroup var location: LogLocationOptions

        func run() async throws {
            let files = LogFiles.open(location)
            let reader = files.live
            var directions: [String: Int] = [:]
            var events: [String: Int] = [:]
            var statuses: [String: Int] = [:]
            var severities: [String: Int] = [:]
            var dialects: [String: Int] = [:]
            var first: Date?
            var last: Date?
            var records = 0
            let summary = try files.scanSummaries { record in
                records += 1
                directions[record.direction.rawValue, default: 0] += 1
                for name in record.eventNames { events[name, default: 0] += 1 }
                statuses[record.status.map { String($0) } ?? "none", default: 0] += 1
                severities[record.worstSeverity?.rawValue ?? "clean", default: 0] += 1
                dialects[record.dialect?.rawValue ?? "none", default: 0] += 1
                if first == nil { first = record.time }
                last = record.time
            }
            let size = files.readers.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0) }
            var output = StandardOutput()
            output.write("log:       \(reader.path)\n")
            if let header = reader.header {
                output.write("format:    \(header.format) version \(header.version), created \(ISOTime.string(header.created)) by trackscope \(header.trackscopeVersion)\n")
            }
            output.write("size:      \(size) bytes\n")
            output.write("records:   \(records)\n")
            output.write("corrupt:   \(summary.corrupt + files.readers.reduce(0) { $0 + $1.corruptLineCount }) line(s) skipped\n")
            if reader.tornTailBytes > 0 { output.write("torn tail: \(reader.tornTailBytes) bytes skipped\n") }
            if let first, let last {
                output.write("first:     \(ISOTime.string(first))\nlast:      \(ISOTime.string(last))\n")
            }
            if files.segmentCount > 0 {
                output.write("segments:  \(files.segmentCount) older rotated segment(s) kept, counted above\n")
            }
            for (title, counts) in [("direction", directions), ("status", statuses), ("severity", severities), ("dialect", dialects), ("event", events)] {
                guard !counts.isEmpty else { continue }
                output.write("\nby \(title):\n")
                for (key, count) in counts.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
                    output.write("  \(String(count).leftPadded(to: 9))  \(TerminalSafeText.escaped(key))\n")
                }
            }
            output.flush()
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
