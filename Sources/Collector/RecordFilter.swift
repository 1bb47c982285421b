import CaptureLog
import TrackingModel

/// The `q=` of `/_trackscope/events`: the filter language of the TUI and `trackscope log filter`.
struct RecordFilter: Sendable {
    let query: FilterQuery

    init(_ text: String) throws(FilterParseError) {
        query = try FilterQuery.parse(text)
    }

    func matches(_ record: CaptureRecord) -> Bool {
        query.matchesEverything || query.matches(CaptureRecordFilterSubject(record: record))
    }
}
