import TrackingModel

/// Decodes request bodies for display: one JSON document, or JSON Lines.
enum PayloadDecoder {
    enum Outcome: Sendable, Hashable {
        case empty
        /// Not JSON; `message` says where it broke ("line 4, column 3: expected ',' ...").
        case invalid(message: String)
        /// One document, or one per line for JSON Lines bodies.
        case documents([JSONValue])
    }

    static func decode(_ bytes: [UInt8]) -> Outcome {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .empty }
        let whole: JSONParseError
        do {
            return .documents([try JSONParser.parse(bytes).value])
        } catch {
            whole = error
        }
        let message = "line \(whole.position.line), column \(whole.position.column): \(whole.message)"
        let lines = bytes.split(separator: 0x0A).filter { line in
            !line.allSatisfy { $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }
        }
        guard lines.count > 1 else { return .invalid(message: message) }
        var values: [JSONValue] = []
        for line in lines {
            guard let value = try? JSONParser.parse(Array(line)).value else { return .invalid(message: message) }
            values.append(value)
        }
        return .documents(values)
    }

    /// The events of a document: the elements of an array or of `{"batch": [...]}`, else itself.
    static func events(in value: JSONValue) -> [JSONValue] {
        if let elements = value.arrayValue { return elements }
        if let batch = value["batch"]?.arrayValue { return batch }
        return [value]
    }

    /// The event name in any dialect.
    static func eventName(of value: JSONValue) -> String? {
        NormalizedEvent(value).name
    }
}
