/// Which events a request body holds, and what each is called: the one rule the capture log, the
/// collector, the inspector and the terminal UI all follow.
///
/// - A body is one JSON document, or JSON Lines (`isJSONLines`): one event per line.
/// - The events of a document: the elements of a top-level array; the elements of a batch
///   wrapper `{"batch": [...]}` (an object whose `batch` is an array and that has no name of its
///   own); else the document itself.
/// - The name of an event: `event_name` (v1, v2) when it is a string, else the legacy `event`
///   when it is a string.
///
/// `EventBodySummary.quickScan` applies the rule without building the JSON tree (for the log
/// writer's `events` and `users` summaries on every append); its names are exactly
/// `read(_:).eventNames`.
public struct EventBody: Sendable, Hashable {
    /// How the body holds its documents.
    public enum Form: Sendable, Hashable {
        /// One JSON document.
        case document
        /// JSON Lines: one document (one event) per non-blank line.
        case jsonLines
    }

    public var form: Form
    /// The one document, or each line's.
    public var documents: [JSONValue]

    public init(form: Form, documents: [JSONValue]) {
        self.form = form
        self.documents = documents
    }

    /// The events, in order.
    public var events: [JSONValue] {
        switch form {
        case .document: documents.flatMap(Self.events(in:))
        case .jsonLines: documents
        }
    }

    /// The names of the events that have one, in order.
    public var eventNames: [String] { events.compactMap(Self.name(of:)) }

    // MARK: - The rule

    /// The key that names an event in `dialect`: `event` in the legacy dialect, `event_name` in
    /// v1 and v2 (and in a payload of no known dialect).
    public static func nameKey(in dialect: Dialect) -> String {
        dialect == .legacy ? legacyNameKey : nameKey
    }

    /// `event_name`, the name's key in v1 and v2.
    public static let nameKey = "event_name"
    /// `event`, the name's key in the legacy dialect.
    public static let legacyNameKey = "event"
    /// `batch`, the key of a batch wrapper's array.
    public static let batchKey = "batch"

    /// The name of one event, whatever its dialect: `event_name` when it is a string, else the
    /// legacy `event` when it is a string (with repeated keys, the last one counts).
    public static func name(of event: JSONValue) -> String? {
        guard case .object(let object) = event else { return nil }
        return object[nameKey]?.stringValue ?? object[legacyNameKey]?.stringValue
    }

    /// Whether `object` wraps a batch: its `batch` is an array, and it has no name of its own
    /// (no `event_name` or `event` member, which would make it an event with a `batch` property).
    public static func isBatch(_ object: JSONObject) -> Bool {
        object[batchKey]?.arrayValue != nil && object[nameKey] == nil && object[legacyNameKey] == nil
    }

    /// The events of one JSON document.
    public static func events(in document: JSONValue) -> [JSONValue] {
        switch document {
        case .array(let elements):
            return elements
        case .object(let object) where isBatch(object):
            return object[batchKey]?.arrayValue ?? []
        default:
            return [document]
        }
    }

    /// Reads a body: one JSON document, or JSON Lines whose every non-blank line is a document.
    /// Throws the error of reading the whole body as one document when it is neither.
    public static func read(_ bytes: [UInt8]) throws(JSONParseError) -> EventBody {
        let whole: JSONParseError
        do {
            return EventBody(form: .document, documents: [try JSONParser.parse(bytes).value])
        } catch {
            whole = error
        }
        guard hasJSONLinesShape(bytes) else { throw whole }
        var documents: [JSONValue] = []
        for line in nonBlankLines(bytes) {
            guard let value = try? JSONParser.parse(bytes[line]).value else { throw whole }
            documents.append(value)
        }
        return EventBody(form: .jsonLines, documents: documents)
    }

    /// Whether a body is JSON Lines: it is not one JSON document, it has at least two non-blank
    /// lines, and its first non-blank line is a JSON object by itself. (Later lines may be broken:
    /// the inspector reports them one by one; `read` refuses such a body.)
    public static func isJSONLines(_ bytes: [UInt8]) -> Bool {
        hasJSONLinesShape(bytes) && (try? JSONParser.parse(bytes)) == nil
    }

    /// At least two non-blank lines, the first a JSON object by itself.
    private static func hasJSONLinesShape(_ bytes: [UInt8]) -> Bool {
        let lines = nonBlankLines(bytes, limit: 2)
        guard lines.count >= 2 else { return false }
        guard case .object? = try? JSONParser.parse(bytes[lines[0]]).value else { return false }
        return true
    }

    /// The ranges of the lines (split at line feeds) holding more than spaces, tabs and carriage
    /// returns; at most `limit` of them.
    static func nonBlankLines<Bytes: RandomAccessCollection>(_ bytes: Bytes, limit: Int = .max) -> [Range<Int>]
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var lines: [Range<Int>] = []
        var start = bytes.startIndex
        while start < bytes.endIndex, lines.count < limit {
            var end = start
            var blank = true
            while end < bytes.endIndex, bytes[end] != 0x0A {
                let c = bytes[end]
                if c != 0x20 && c != 0x09 && c != 0x0D { blank = false }
                end += 1
            }
            if !blank { lines.append(start..<end) }
            start = end + 1
        }
        return lines
    }
}
