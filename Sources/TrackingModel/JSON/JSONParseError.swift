import Foundation

/// Why a JSON text could not be parsed, and where.
///
/// `position` is where the problem is: the unexpected character, the bad byte, the backslash of a
/// bad escape, the opening quote of an unterminated string, or the end of the input when the text
/// stops too early. Columns count Unicode scalars on the line; a leading byte-order mark is not
/// counted (line 1, column 1 is the first character after it), though offsets still include it.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier: `invalid-json`, `invalid-utf8`, `too-deep` or `empty-input`.
    public var code: String
    /// A plain sentence a person understands, such as "expected ':' after object key".
    public var message: String
    /// Where the problem is.
    public var position: SourcePosition

    public init(code: String, message: String, position: SourcePosition) {
        self.code = code
        self.message = message
        self.position = position
    }

    /// `line:column: message`, the form editors and compilers use.
    public var description: String { "\(position.line):\(position.column): \(message)" }

    /// The error as a validation finding (severity error, path `$`, line and column filled in).
    public var finding: Finding {
        Finding(
            severity: .error,
            code: code,
            path: "$",
            message: message,
            line: position.line,
            column: position.column
        )
    }
}

extension JSONParseError: LocalizedError {
    /// `line:column: message`, so `localizedDescription` says where.
    public var errorDescription: String? { description }
}
