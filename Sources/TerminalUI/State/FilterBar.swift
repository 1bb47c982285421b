import TrackingModel

/// The filter bar (`/`): the query being typed, whether it parses, and the history of queries.
public struct FilterBar: Sendable, Hashable {
    public var editor = LineEditor()
    public var history = QueryHistory()

    public init() {}

    /// The query typed, parsed; or why it cannot be, and where (`offset` in characters).
    public var parsed: Result<FilterQuery, FilterParseError> {
        do {
            return .success(try FilterQuery.parse(editor.text))
        } catch {
            return .failure(error)
        }
    }
}
