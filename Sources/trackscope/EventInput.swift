import Foundation
import TrackingModel

/// The events of one input of `send` or `convert` (a file or standard input): one JSON document,
/// an array, a batch body or JSON Lines, read by `PayloadInspector` as `validate` reads them.
struct EventInput {
    /// One event of the input.
    struct Event {
        /// The parsed event, nil when its JSON does not parse (then `parseError` says where).
        var value: JSONValue?
        /// The event's own bytes in the input.
        var bytes: [UInt8]
        /// The 1-based line of the input where it starts.
        var line: Int
        var dialect: Dialect
        /// Its findings, placed in the input (file lines and columns).
        var findings: [Finding]
        var parseError: Finding?
    }

    /// What the user calls the input: the path, or `<stdin>`.
    var name: String
    var bytes: [UInt8]
    var report: PayloadReport
    var events: [Event]

    /// The parse error of the whole input (one document that is not JSON).
    var documentError: Finding? {
        events.isEmpty ? report.findings.first { $0.severity == .error } : nil
    }

    /// Reads `path` (`-` is standard input).
    static func read(_ path: String) throws -> EventInput {
        let bytes = path == "-"
            ? [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            : [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        return EventInput(name: path == "-" ? "<stdin>" : path, bytes: bytes)
    }

    init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
        report = PayloadInspector.inspect(bytes: bytes, form: .automatic)
        events = report.events.map { inspected in
            let parseError = inspected.value == nil ? inspected.findings.first { $0.severity == .error } : nil
            return Event(value: inspected.value, bytes: Array(bytes[inspected.byteRange]), line: inspected.line,
                         dialect: inspected.dialect, findings: inspected.findings, parseError: parseError)
        }
    }

    /// `NAME:LINE:COL: error: MESSAGE [code]`, as `validate` prints a finding.
    func located(_ finding: Finding) -> String {
        ValidationReportPrinter.text([(name, PayloadReport(shape: .event, events: [], findings: [finding], byteCount: 0))],
                                     includeInfo: true)
    }
}
