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
                output.write("format:    \(header.format) version \(header.version), created \(Self.format(header.created)) by trackscope \(header.trackscopeVersion)\n")
            }
            output.write("size:      \(size) bytes\n")
            output.write("records:   \(records)\n")
            output.write("corrupt:   \(summary.corrupt + files.readers.reduce(0) { $0 + $1.corruptLineCount }) line(s) skipped\n")
            if reader.tornTailBytes > 0 { output.write("torn tail: \(reader.tornTailBytes) bytes skipped\n") }
            if let first, let last {
                output.write("first:     \(Self.format(first))\nlast:      \(Self.format(last))\n")
            }
            if files.segmentCount > 0 {
                output.write("segments:  \(files.segmentCount) older rotated segment(s) kept, counted above\n")
            }
            for (title, counts) in [("direction", directions), ("status", statuses), ("severity", severities), ("dialect", dialects), ("event", events)] {
                guard !counts.isEmpty else { continue }
                output.write("\nby \(title):\n")
                for (key, count) in counts.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
                    output.write("  \(String(count).leftPadded(to: 9))  \(TerminalSafe.text(key))\n")
                }
            }
            output.flush()
        }

        static func format(_ date: Date) -> String {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return formatter.string(from: date)
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

/// Text from the wire made safe for a terminal: control characters shown, never sent.
enum TerminalSafe {
    static func text(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: result += "\\n"
            case 0x0D: result += "\\r"
            case 0x09: result += "\\t"
            case 0..<0x20, 0x7F, 0x80..<0xA0: result += String(format: "\\x%02X", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Bytes shown as text: valid UTF-8 with control characters made visible (newlines kept when
    /// `keepNewlines`), other bytes as `\xNN`.
    static func bytes(_ bytes: [UInt8], keepNewlines: Bool) -> String {
        var result = ""
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A, keepNewlines { result += "\n"; index += 1; continue }
            if byte < 0x80 {
                result += byte < 0x20 || byte == 0x7F ? Self.text(String(UnicodeScalar(byte))) : String(UnicodeScalar(byte))
                index += 1
                continue
            }
            // A UTF-8 sequence, when valid.
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            if length > 1, index + length <= bytes.count,
               let text = String(validating: bytes[index..<index + length], as: UTF8.self) {
                result += Self.text(text)
                index += length
            } else {
                result += String(format: "\\x%02X", byte)
                index += 1
            }
        }
        return result
    }
}
