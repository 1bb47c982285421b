/// A complete, valid example of a standard event in one dialect, with a note on every field:
/// what "What does a refund look like?" is answered with.
public struct AnnotatedExample: Sendable {
    public let eventName: String
    public let dialect: Dialect
    /// The example event.
    public let value: JSONValue
    /// One explanation per annotated field, in document order.
    public let notes: [(path: JSONPath, note: String)]

    init(eventName: String, dialect: Dialect, node: Node) {
        self.eventName = eventName
        self.dialect = dialect
        self.value = node.value
        var notes: [(path: JSONPath, note: String)] = []
        node.collectNotes(at: .root, into: &notes)
        self.notes = notes
    }

    /// The note of the field at `path`, if any.
    public func note(at path: JSONPath) -> String? {
        notes.first { $0.path == path }?.note
    }

    /// Pretty JSON with each field's note as a `// ...` comment aligned to the right of its line
    /// (JSONC: readable, not valid JSON; see `renderPlain()`).
    public func render() -> String {
        let lines = renderLines()
        let noted = lines.filter { $0.note != nil }.map { $0.text.count }
        let column = min((noted.max() ?? 0) + 2, 64)
        var output = ""
        for (index, line) in lines.enumerated() {
            output += line.text
            if let note = line.note {
                let padding = max(column - line.text.count, 2)
                output += String(repeating: " ", count: padding) + "// " + note
            }
            if index < lines.count - 1 { output += "\n" }
        }
        return output
    }

    /// The same pretty JSON without comments: valid JSON, ready to send.
    public func renderPlain() -> String {
        renderLines().map(\.text).joined(separator: "\n")
    }

    // MARK: - Rendering

    private func renderLines() -> [(text: String, note: String?)] {
        var noteIndex: [JSONPath: String] = [:]
        for entry in notes { noteIndex[entry.path] = entry.note }
        var lines: [(text: String, note: String?)] = []
        Self.appendLines(value, prefix: "", suffix: "", indent: 0, path: .root, notes: noteIndex, into: &lines)
        return lines
    }

    private static func appendLines(
        _ value: JSONValue, prefix: String, suffix: String, indent: Int, path: JSONPath,
        notes: [JSONPath: String], into lines: inout [(text: String, note: String?)]
    ) {
        let pad = String(repeating: " ", count: indent)
        let note = notes[path]
        switch value {
        case .object(let object) where !object.isEmpty:
            lines.append((pad + prefix + "{", note))
            for (index, member) in object.members.enumerated() {
                let comma = index < object.count - 1 ? "," : ""
                appendLines(member.value, prefix: JSONPrinter.quoted(member.key) + ": ", suffix: comma,
                            indent: indent + 2, path: path.appending(member.key), notes: notes, into: &lines)
            }
            lines.append((pad + "}" + suffix, nil))
        case .array(let elements) where !elements.isEmpty && elements.contains(where: { $0.isContainer }):
            lines.append((pad + prefix + "[", note))
            for (index, element) in elements.enumerated() {
                let comma = index < elements.count - 1 ? "," : ""
                appendLines(element, prefix: "", suffix: comma, indent: indent + 2, path: path.appending(index),
                            notes: notes, into: &lines)
            }
            lines.append((pad + "]" + suffix, nil))
        case .array(let elements):
            let inline = elements.map { JSONPrinter.compact($0) }.joined(separator: ", ")
            lines.append((pad + prefix + "[" + inline + "]" + suffix, note))
        default:
            lines.append((pad + prefix + JSONPrinter.compact(value) + suffix, note))
        }
    }

    // MARK: - Building

    /// A JSON value with a note on any of its parts.
    indirect enum Node: Sendable {
        case leaf(JSONValue, String?)
        case object([(String, Node)], String?)
        case array([Node], String?)

        var value: JSONValue {
            switch self {
            case .leaf(let value, _): value
            case .object(let members, _): .object(JSONObject(members.map { .init(key: $0.0, value: $0.1.value) }))
            case .array(let elements, _): .array(elements.map(\.value))
            }
        }

        func collectNotes(at path: JSONPath, into notes: inout [(path: JSONPath, note: String)]) {
            switch self {
            case .leaf(_, let note):
                if let note { notes.append((path, note)) }
            case .object(let members, let note):
                if let note { notes.append((path, note)) }
                for (key, node) in members { node.collectNotes(at: path.appending(key), into: &notes) }
            case .array(let elements, let note):
                if let note { notes.append((path, note)) }
                for (index, node) in elements.enumerated() { node.collectNotes(at: path.appending(index), into: &notes) }
            }
        }
    }
}

extension JSONValue {
    fileprivate var isContainer: Bool {
        switch self {
        case .object, .array: true
        default: false
        }
    }
}
