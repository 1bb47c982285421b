/// Reads a parsed JSON value the way `JSONPullReader` reads the text it was parsed from (see
/// `EventValueReader`): the same bytes to peek at, the same keys, strings and number literals, in
/// the same order, repeated keys included. Reading the wrong kind of value throws, as the pull
/// reader does; a value already read peeks as nothing.
struct JSONValueReader: EventValueReader {
    /// The value still to read; nil once it is read or skipped.
    private var value: JSONValue?

    init(_ value: JSONValue) {
        self.value = value
    }

    mutating func peek() -> UInt8? {
        switch value {
        case .object?: UInt8(ascii: "{")
        case .array?: UInt8(ascii: "[")
        case .string?: UInt8(ascii: "\"")
        case .number(let number)?: number.literal.utf8.first
        case .bool(true)?: UInt8(ascii: "t")
        case .bool(false)?: UInt8(ascii: "f")
        case .null?: UInt8(ascii: "n")
        case nil: nil
        }
    }

    mutating func readObject(_ body: (inout JSONValueReader, JSONPullKey) throws(JSONReadError) -> Void) throws(JSONReadError) {
        guard case .object(let object)? = value else { throw Self.wrongKind("expected an object") }
        value = nil
        for member in object.members {
            var reader = JSONValueReader(member.value)
            var key = member.key
            // `withUTF8` rethrows untyped errors: the typed one is carried out by hand.
            let failure: JSONReadError? = key.withUTF8 { bytes in
                do throws(JSONReadError) {
                    try body(&reader, JSONPullKey(bytes: bytes))
                    return nil
                } catch {
                    return error
                }
            }
            if let failure { throw failure }
        }
    }

    mutating func readArray(_ body: (inout JSONValueReader) throws(JSONReadError) -> Void) throws(JSONReadError) {
        guard case .array(let elements)? = value else { throw Self.wrongKind("expected an array") }
        value = nil
        for element in elements {
            var reader = JSONValueReader(element)
            try body(&reader)
        }
    }

    mutating func readString() throws(JSONReadError) -> String {
        guard case .string(let text)? = value else { throw Self.wrongKind("expected a string") }
        value = nil
        return text
    }

    mutating func readNumberLiteral() throws(JSONReadError) -> String {
        guard case .number(let number)? = value else { throw Self.wrongKind("expected a number") }
        value = nil
        return number.literal
    }

    mutating func skipValue() throws(JSONReadError) {
        guard value != nil else { throw Self.wrongKind("expected a value") }
        value = nil
    }

    /// A value has no offset in a text: the error says offset 0.
    private static func wrongKind(_ message: String) -> JSONReadError {
        JSONReadError(message: message, offset: 0)
    }
}
