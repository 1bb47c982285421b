/// An RFC 8259 JSON parser that keeps what an inspector needs: object members in source order
/// (duplicates included, each reported as a `duplicate-key` warning), numbers as their exact literal
/// text, and errors with the byte offset, line and column of the problem.
///
/// The parser is iterative (an explicit stack, never recursion), so hostile nesting cannot overflow
/// the call stack; nesting deeper than `maximumDepth` is an error (`too-deep`).
///
/// Positions: byte offsets count every byte, including a leading UTF-8 byte-order mark; lines end
/// at LF, CRLF or a lone CR; columns count Unicode scalars from the start of the line, and the
/// byte-order mark takes no column (line 1, column 1 is the first character after it).
public enum JSONParser {
    /// The deepest nesting of arrays and objects accepted: 512 levels.
    public static let maximumDepth = 512

    /// Parses one JSON text (optionally preceded by a UTF-8 byte-order mark and surrounded by
    /// whitespace).
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONDocument {
        let result: Result<JSONDocument, JSONParseError> = bytes.withUnsafeBytes { buffer in
            do throws(JSONParseError) {
                return .success(try parse(buffer))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses one JSON text from raw bytes. Positions are relative to the start of `bytes`.
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONDocument {
        guard let raw = bytes.baseAddress, bytes.count > 0 else { throw emptyInput }
        var parser = JSONParserCore(bytes: raw.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        return try parser.parseDocument()
    }

    /// The error for no bytes at all.
    static let emptyInput = JSONParseError(code: "empty-input", message: "the input is empty",
                                           position: SourcePosition(offset: 0, line: 1, column: 1))

    /// Parses one JSON text as `parse(_:)` does, and records where each of its values is in the
    /// text, to place findings made on the value (`JSONSourceMap`).
    public static func parseWithSourceMap(_ bytes: [UInt8]) throws(JSONParseError) -> (document: JSONDocument, map: JSONSourceMap) {
        let result: Result<(JSONDocument, JSONSourceMap), JSONParseError> = bytes.withUnsafeBytes { buffer in
            guard let raw = buffer.baseAddress, buffer.count > 0 else {
                return .failure(emptyInput)
            }
            var parser = JSONParserCore(bytes: raw.assumingMemoryBound(to: UInt8.self), count: buffer.count)
            do throws(JSONParseError) {
                return .success(try parser.parseDocumentWithSourceMap())
            } catch {
                return .failure(error)
            }
        }
        let (document, map) = try result.get()
        return (document, map)
    }

    /// Parses one JSON text from part of a byte array (one line of JSON Lines, say). Positions are
    /// relative to the start of the slice.
    public static func parse(_ bytes: ArraySlice<UInt8>) throws(JSONParseError) -> JSONDocument {
        let result: Result<JSONDocument, JSONParseError> = bytes.withUnsafeBytes { buffer in
            do throws(JSONParseError) {
                return .success(try parse(buffer))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses one JSON text given as a string (its UTF-8 bytes).
    public static func parse(_ text: String) throws(JSONParseError) -> JSONDocument {
        var text = text
        let result: Result<JSONDocument, JSONParseError> = text.withUTF8 { buffer in
            do throws(JSONParseError) {
                return .success(try parse(UnsafeRawBufferPointer(buffer)))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses and returns only the value (warnings dropped).
    public static func parseValue(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        try parse(bytes).value
    }

    /// Parses part of a byte array and returns only the value (warnings dropped).
    public static func parseValue(_ bytes: ArraySlice<UInt8>) throws(JSONParseError) -> JSONValue {
        try parse(bytes).value
    }

    /// Parses a string and returns only the value (warnings dropped).
    public static func parseValue(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(text).value
    }
}
