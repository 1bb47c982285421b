/// The result of parsing: the value, plus the warnings noticed on the way (in source order).
public struct JSONDocument: Sendable, Hashable {
    public var value: JSONValue
    public var warnings: [JSONParseWarning]

    public init(value: JSONValue, warnings: [JSONParseWarning] = []) {
        self.value = value
        self.warnings = warnings
    }
}
