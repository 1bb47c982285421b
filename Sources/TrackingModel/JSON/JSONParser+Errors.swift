extension JSONParserCore {
    /// The position of byte `offset` (computed by re-scanning; only used for errors and warnings).
    func position(of offset: Int) -> SourcePosition {
        SourcePosition.locating(offset: offset, in: UnsafeRawBufferPointer(start: p, count: n))
    }

    func error(code: String = "invalid-json", message: String, at offset: Int) -> JSONParseError {
        JSONParseError(code: code, message: message, position: position(of: offset))
    }

    /// An error about the structure at `offset`; a byte there that is not valid UTF-8 is reported as
    /// such instead.
    @inline(never)
    func structuralError(_ message: String, at offset: Int) -> JSONParseError {
        if offset < n, p[offset] >= 0x80 {
            do throws(JSONParseError) {
                _ = try validateUTF8Sequence(at: offset)
            } catch {
                return error
            }
        }
        if offset < n, p[offset] == UInt8(ascii: "/") || p[offset] == UInt8(ascii: "#") {
            return error(message: "comments are not allowed in JSON", at: offset)
        }
        return error(message: message, at: offset)
    }

    @inline(never)
    func tooDeep() -> JSONParseError {
        error(code: "too-deep", message: "nesting deeper than \(JSONParser.maximumDepth) levels", at: i)
    }

    @inline(never)
    func unterminatedString(_ open: Int) -> JSONParseError {
        error(message: "unterminated string", at: open)
    }

    @inline(never)
    func controlCharacter(at offset: Int) -> JSONParseError {
        error(message: "control character \(Self.scalarName(UInt32(p[offset]))) must be escaped in a string", at: offset)
    }

    @inline(never)
    func invalidEscape(at backslash: Int) -> JSONParseError {
        let c = p[backslash + 1]
        if c >= 0x21 && c < 0x7F {
            return error(message: "invalid escape \\\(Character(Unicode.Scalar(c)))", at: backslash)
        }
        if c >= 0x80 {
            do throws(JSONParseError) {
                _ = try validateUTF8Sequence(at: backslash + 1)
            } catch {
                return error
            }
        }
        return error(message: "invalid escape: '\\' followed by \(describe(at: backslash + 1))", at: backslash)
    }

    /// "end of input inside array/object" for the innermost open container.
    @inline(never)
    func unexpectedEnd() -> JSONParseError {
        if frames.count == 0 {
            return error(message: "unexpected end of input, expected a value", at: n)
        }
        let inObject = frames[frames.count - 1].isObject
        return error(message: "unexpected end of input inside \(inObject ? "object" : "array")", at: n)
    }

    @inline(never)
    func afterMemberError() -> JSONParseError {
        if i >= n { return unexpectedEnd() }
        return structuralError("expected ',' or '}' after object member", at: i)
    }

    @inline(never)
    func afterElementError() -> JSONParseError {
        if i >= n { return unexpectedEnd() }
        return structuralError("expected ',' or ']' after array element", at: i)
    }

    /// The last byte before `offset` that is not whitespace, with its offset.
    private func previousSignificant(before offset: Int) -> (byte: UInt8, offset: Int)? {
        var k = offset - 1
        while k >= 0 {
            let c = p[k]
            if c != 0x20 && c != 0x0A && c != 0x0D && c != 0x09 { return (c, k) }
            k -= 1
        }
        return nil
    }

    /// The error for something other than a key after `{` or `,`.
    @inline(never)
    func keyError(afterComma: Bool) -> JSONParseError {
        if i >= n { return unexpectedEnd() }
        let c = p[i]
        if afterComma, c == UInt8(ascii: "}"), let comma = previousSignificant(before: i) {
            return error(message: "trailing comma before '}'", at: comma.offset)
        }
        if c == UInt8(ascii: "'") {
            return error(message: "object keys must use double quotes, not single quotes", at: i)
        }
        if Self.isWordByte(c) {
            return error(message: "object keys must be strings in double quotes", at: i)
        }
        return structuralError(
            "expected a string key after '\(afterComma ? "," : "{")', found \(describe(at: i))",
            at: i
        )
    }

    /// The error for something at `i` that cannot start a value.
    @inline(never)
    func unexpectedValueStart() -> JSONParseError {
        if i >= n { return unexpectedEnd() }
        let c = p[i]
        let previous = previousSignificant(before: i)
        if c == UInt8(ascii: "]"), let previous, previous.byte == UInt8(ascii: ","), frames.count > 0,
           !frames[frames.count - 1].isObject {
            return error(message: "trailing comma before ']'", at: previous.offset)
        }
        switch c {
        case UInt8(ascii: "'"):
            return error(message: "strings must use double quotes, not single quotes", at: i)
        case UInt8(ascii: "+"):
            return error(message: "a number cannot start with '+'", at: i)
        case UInt8(ascii: "."):
            return error(message: "a number must have a digit before the decimal point", at: i)
        default:
            break
        }
        if Self.isWordByte(c) {
            let word = wordAt(i)
            switch word {
            case "NaN", "Infinity":
                return error(message: "\(word) is not allowed in JSON (numbers must be finite)", at: i)
            case "true", "false", "null":
                break
            default:
                if c == UInt8(ascii: "t") || c == UInt8(ascii: "f") || c == UInt8(ascii: "n") {
                    let expected = c == UInt8(ascii: "t") ? "true" : c == UInt8(ascii: "f") ? "false" : "null"
                    if expected.hasPrefix(word) || word.count <= expected.count {
                        return error(message: "invalid literal '\(word)' (expected \(expected))", at: i)
                    }
                }
                return error(message: "expected a value, found '\(word)'", at: i)
            }
        }
        let context: String
        switch previous?.byte {
        case UInt8(ascii: "[")?: context = "expected a value or ']' after '['"
        case UInt8(ascii: ",")?: context = "expected a value after ','"
        case UInt8(ascii: ":")?: context = "expected a value after ':'"
        default: context = "expected a JSON value"
        }
        return structuralError("\(context), found \(describe(at: i))", at: i)
    }

    static func isWordByte(_ c: UInt8) -> Bool {
        (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") || c == UInt8(ascii: "_")
            || c == UInt8(ascii: "$")
    }

    /// The run of letters, digits and `_` at `offset` (at most 24 characters), for messages.
    func wordAt(_ offset: Int) -> String {
        var end = offset
        while end < n, end < offset + 24, Self.isWordByte(p[end]) || p[end] &- 0x30 < 10 { end += 1 }
        return String(decoding: UnsafeBufferPointer(start: p + offset, count: end - offset), as: UTF8.self)
    }

    /// How to show the character at `offset` in a message: `'x'`, `U+000B`, or "end of input".
    func describe(at offset: Int) -> String {
        guard offset < n else { return "end of input" }
        let c = p[offset]
        if c >= 0x20 && c < 0x7F {
            return "'\(Character(Unicode.Scalar(c)))'"
        }
        if c < 0x80 {
            return Self.scalarName(UInt32(c))
        }
        // A valid UTF-8 sequence: show the character.
        var end = offset + 1
        while end < n, end < offset + 4, p[end] & 0xC0 == 0x80 { end += 1 }
        let text = String(decoding: UnsafeBufferPointer(start: p + offset, count: end - offset), as: UTF8.self)
        if let scalar = text.unicodeScalars.first, scalar != "\u{FFFD}" {
            if scalar.properties.generalCategory == .format || scalar.properties.isWhitespace {
                return Self.scalarName(scalar.value)
            }
            return "'\(text.unicodeScalars.first.map(String.init) ?? text)'"
        }
        return Self.hexByte(c)
    }

    /// `U+000A`.
    static func scalarName(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: Swift.max(0, 4 - hex.count)) + hex
    }
}
