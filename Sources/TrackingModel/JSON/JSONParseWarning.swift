/// Something legal but suspicious that the parser noticed: a byte-order mark before the text
/// (`byte-order-mark`) or a key repeated in one object (`duplicate-key`).
public struct JSONParseWarning: Sendable, Hashable, CustomStringConvertible {
    /// `byte-order-mark` or `duplicate-key`.
    public var code: String
    public var message: String
    /// For `duplicate-key`, the path of the repeated member; `$` for `byte-order-mark`.
    public var path: JSONPath
    /// For `duplicate-key`, the opening quote of the repeated key; offset 0 for the byte-order mark.
    public var position: SourcePosition

    public init(code: String, message: String, path: JSONPath, position: SourcePosition) {
        self.code = code
        self.message = message
        self.path = path
        self.position = position
    }

    public var description: String { "\(position.line):\(position.column): \(message)" }

    /// The warning as a validation finding (severity warning).
    public var finding: Finding {
        Finding(
            severity: .warning,
            code: code,
            path: path.description,
            message: message,
            line: position.line,
            column: position.column
        )
    }
}
