import TrackingModel

/// One export of records, built a record at a time: what `trackscope log export` writes and the
/// terminal UI's `:export` writes, in the same bytes. curl commands and events come out as each
/// record is added; HAR is one document, given by `finish()`.
public struct CaptureExportWriter: Sendable {
    /// The formats records export to.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case curl, har, events
    }

    public let format: Format
    /// For `events`: only the events of each record that the query matches (nil: all of them).
    public let query: FilterQuery?
    /// Where received records are sent again (curl) or said to have gone (HAR).
    public let baseURL: String
    private var harRecords: [CaptureRecord] = []
    /// How many records were added.
    public private(set) var recordCount = 0

    public init(format: Format, query: FilterQuery? = nil, baseURL: String = "http://localhost:8080") {
        self.format = format
        self.query = query.flatMap { $0.matchesEverything ? nil : $0 }
        self.baseURL = baseURL
    }

    /// Adds `record`; returns the bytes to write now (none for HAR).
    public mutating func add(_ record: CaptureRecord) -> [UInt8] {
        recordCount += 1
        switch format {
        case .curl: return Array((CaptureExport.curl(record, baseURL: baseURL) + "\n").utf8)
        case .events: return CaptureExport.eventLines(record, matching: query)
        case .har:
            harRecords.append(record)
            return []
        }
    }

    /// The bytes that end the export: the HAR document (nothing for the other formats).
    public func finish() -> [UInt8] {
        guard format == .har else { return [] }
        return Array((JSONPrinter.pretty(CaptureExport.har(harRecords, baseURL: baseURL)) + "\n").utf8)
    }
}
