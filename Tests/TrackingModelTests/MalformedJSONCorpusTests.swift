import Testing
import TrackingModel

/// One malformed input and the exact error the parser must give.
struct MalformedJSONCase: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var code: String
    var line: Int
    var column: Int
    var message: String

    init(_ name: String, _ text: String, code: String = "invalid-json", _ line: Int, _ column: Int, _ message: String) {
        self.init(name, Array(text.utf8), code: code, line, column, message)
    }

    init(_ name: String, _ bytes: [UInt8], code: String = "invalid-json", _ line: Int, _ column: Int, _ message: String) {
        self.name = name
        self.bytes = bytes
        self.code = code
        self.line = line
        self.column = column
        self.message = message
    }

    var testDescription: String { name }
}

private let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

private func quoted(_ inner: [UInt8]) -> [UInt8] { [0x22] + inner + [0x22] }

@Suite struct MalformedJSONCorpusTests {
    static let cases: [MalformedJSONCase] = [
        // Nothing there.
        .init("empty input", "", code: "empty-input", 1, 1, "the input is empty"),
        .init("only whitespace", "  \n\t ", code: "empty-input", 2, 3, "the input contains only whitespace"),
        .init("byte-order mark alone", bom, code: "empty-input", 1, 1, "the input is empty"),
        // Truncated at every structural point.
        .init("truncated after {", "{", 1, 2, "unexpected end of input inside object"),
        .init("truncated after key", #"{"a""#, 1, 5, "unexpected end of input inside object"),
        .init("truncated after colon", #"{"a":"#, 1, 6, "unexpected end of input inside object"),
        .init("truncated after member", #"{"a":1"#, 1, 7, "unexpected end of input inside object"),
        .init("truncated after member comma", "{\"a\":1,\n", 2, 1, "unexpected end of input inside object"),
        .init("truncated after [", "[", 1, 2, "unexpected end of input inside array"),
        .init("truncated after element", "[1", 1, 3, "unexpected end of input inside array"),
        .init("truncated after element comma", "[1, ", 1, 5, "unexpected end of input inside array"),
        .init("truncated nested", #"{"a":[{"b":[1]}"#, 1, 16, "unexpected end of input inside array"),
        .init("truncated string", #"{"a":"abc"#, 1, 6, "unterminated string"),
        .init("truncated escape", #"["ab\"#, 1, 2, "unterminated string"),
        .init("truncated unicode escape", #"["\u12"#, 1, 2, "unterminated string"),
        .init("truncated literal", "[tru", 1, 2, "invalid literal 'tru' (expected true)"),
        .init("truncated number", "[-", 1, 3, "expected a digit after '-'"),
        // Extra or missing punctuation.
        .init("trailing garbage", "{\"a\":1}\nx", 2, 1, "trailing content after the JSON value"),
        .init("two documents", #"{"a":1} {"b":2}"#, 1, 9, "trailing content after the JSON value"),
        .init("trailing comma in array", "[1,\r\n2,\r\n]", 2, 2, "trailing comma before ']'"),
        .init("trailing comma in object", #"{"a":1,}"#, 1, 7, "trailing comma before '}'"),
        .init("missing comma in array", "[1 2]", 1, 4, "expected ',' or ']' after array element"),
        .init("missing comma in object", "{\"a\":1\n \"b\":2}", 2, 2, "expected ',' or '}' after object member"),
        .init("missing colon", #"{"a" 1}"#, 1, 6, "expected ':' after object key"),
        .init("comma instead of key", "{,}", 1, 2, "expected a string key after '{', found ','"),
        .init("wrong closing bracket", "[}", 1, 2, "expected a value or ']' after '[', found '}'"),
        .init("missing value", #"{"a":}"#, 1, 6, "expected a value after ':', found '}'"),
        // Not JSON but JavaScript-ish.
        .init("single-quoted string", "['a']", 1, 2, "strings must use double quotes, not single quotes"),
        .init("single-quoted key", "{'a':1}", 1, 2, "object keys must use double quotes, not single quotes"),
        .init("unquoted key", "{a:1}", 1, 2, "object keys must be strings in double quotes"),
        .init("line comment", "// note\n{}", 1, 1, "comments are not allowed in JSON"),
        .init("block comment", #"{"a":1 /* c */}"#, 1, 8, "comments are not allowed in JSON"),
        .init("NaN", "NaN", 1, 1, "NaN is not allowed in JSON (numbers must be finite)"),
        .init("Infinity", "[Infinity]", 1, 2, "Infinity is not allowed in JSON (numbers must be finite)"),
        .init("negative Infinity", "[-Infinity]", 1, 2, "-Infinity is not allowed in JSON (numbers must be finite)"),
        .init("undefined", #"{"a":undefined}"#, 1, 6, "expected a value, found 'undefined'"),
        // Number grammar.
        .init("leading zero", "01", 1, 1, "number has a leading zero"),
        .init("negative leading zero", "[-012]", 1, 3, "number has a leading zero"),
        .init("plus sign", "+1", 1, 1, "a number cannot start with '+'"),
        .init("no digit before point", "[.5]", 1, 2, "a number must have a digit before the decimal point"),
        .init("no digit after point", "[1.]", 1, 4, "expected a digit after the decimal point"),
        .init("no exponent digits", "1e+", 1, 4, "expected a digit in the exponent"),
        .init("huge number with a bad tail", "[1e400e]", 1, 7, "expected ',' or ']' after array element"),
        .init("hex number", "0x1F", 1, 2, "trailing content after the JSON value"),
        // Strings.
        .init("raw newline in string", "{\"a\":\"x\ny\"}", 1, 8, "control character U+000A must be escaped in a string"),
        .init("raw tab in string", "\"a\tb\"", 1, 3, "control character U+0009 must be escaped in a string"),
        .init("raw NUL in string", [0x22, 0x61, 0x00, 0x22], 1, 3, "control character U+0000 must be escaped in a string"),
        .init("invalid escape", #""\x""#, 1, 2, #"invalid escape \x"#),
        .init("bad unicode escape", #""ab\u12G4""#, 1, 4, #"invalid escape \u12G4 (\u must be followed by four hex digits)"#),
        .init("lone high surrogate", #"["\uD800"]"#, 1, 3, #"lone surrogate \uD800 (a high surrogate must be followed by a low one)"#),
        .init("high surrogate then non-surrogate", #""\ud83d\u0041""#, 1, 2, #"lone surrogate \ud83d (a high surrogate must be followed by a low one)"#),
        .init("lone low surrogate", #""a\uDC00""#, 1, 3, #"lone surrogate \uDC00 (a low surrogate must follow a high one)"#),
        // Invalid UTF-8 (the position is the first byte of the bad sequence).
        .init("byte 0xFF in string", quoted([0x61, 0xFF]), code: "invalid-utf8", 1, 3, "invalid UTF-8 byte 0xFF"),
        .init("byte 0xFF outside string", [0x5B, 0x31, 0x2C, 0xFF, 0x5D], code: "invalid-utf8", 1, 4, "invalid UTF-8 byte 0xFF"),
        .init("stray continuation byte", quoted([0x80]), code: "invalid-utf8", 1, 2, "invalid UTF-8 byte 0x80 (a continuation byte without a lead byte)"),
        .init("overlong two-byte", quoted([0xC0, 0xAF]), code: "invalid-utf8", 1, 2, "invalid UTF-8 byte 0xC0 (overlong encoding)"),
        .init("overlong three-byte", quoted([0xE0, 0x80, 0xAF]), code: "invalid-utf8", 1, 2, "overlong UTF-8 encoding starting with byte 0xE0"),
        .init("overlong four-byte", quoted([0xF0, 0x80, 0x80, 0xAF]), code: "invalid-utf8", 1, 2, "overlong UTF-8 encoding starting with byte 0xF0"),
        .init("surrogate in UTF-8", quoted([0xED, 0xA0, 0x80]), code: "invalid-utf8", 1, 2, "UTF-8 encoded surrogate starting with byte 0xED"),
        .init("above U+10FFFF", quoted([0xF4, 0x90, 0x80, 0x80]), code: "invalid-utf8", 1, 2, "UTF-8 sequence above U+10FFFF starting with byte 0xF4"),
        .init("truncated sequence", quoted([0x61, 0x62, 0xE2, 0x82]), code: "invalid-utf8", 1, 4, "truncated UTF-8 sequence starting with byte 0xE2"),
        .init("truncated sequence after text", [0x22, 0xC3, 0xA9, 0xF0, 0x9F, 0x98], code: "invalid-utf8", 1, 3, "truncated UTF-8 sequence starting with byte 0xF0"),
        // Depth.
        .init("100000 open brackets", String(repeating: "[", count: 100_000), code: "too-deep", 1, 513, "nesting deeper than 512 levels"),
        .init("513 nested objects", String(repeating: "{\"a\":", count: 513), code: "too-deep", 1, 2561, "nesting deeper than 512 levels"),
        // Byte-order mark before an error: columns start after the mark.
        .init("byte-order mark then error", bom + Array("[1,]".utf8), 1, 3, "trailing comma before ']'"),
        .init("byte-order mark twice", bom + bom + Array("{}".utf8), 1, 1, "expected a JSON value, found U+FEFF"),
        // Lines and columns with non-ASCII text before the error.
        .init("column counts scalars", "{\"é😀\":1,\n \"名前\" 2}", 2, 7, "expected ':' after object key"),
    ]

    @Test(arguments: cases)
    func malformedInputGivesTheExactError(_ testCase: MalformedJSONCase) throws {
        let error = try #require(jsonParseError(testCase.bytes), "\(testCase.name) parsed")
        #expect(error.code == testCase.code)
        #expect(error.message == testCase.message)
        #expect(error.position.line == testCase.line)
        #expect(error.position.column == testCase.column)
    }

    @Test func corpusIsLargeEnough() {
        #expect(Self.cases.count >= 30)
    }

    @Test func invalidUTF8ErrorsGiveTheOffsetOfTheBadByte() throws {
        let bytes: [UInt8] = Array("{\"k\":\"ok\",\n\"v\":\"".utf8) + [0x61, 0xE2, 0x28, 0xA1, 0x22, 0x7D]
        let error = try #require(jsonParseError(bytes))
        #expect(error.code == "invalid-utf8")
        #expect(error.position.offset == 17)
        #expect(error.position.line == 2)
        #expect(error.position.column == 7)
    }

    @Test func byteOrderMarkBeforeAValidDocumentIsAWarning() throws {
        let document = try JSONParser.parse(bom + Array("\n{\"a\": [1]}".utf8))
        #expect(document.value == ["a": [1]])
        #expect(document.warnings.count == 1)
        let warning = document.warnings[0]
        #expect(warning.code == "byte-order-mark")
        #expect(warning.message == "the input starts with a UTF-8 byte-order mark (U+FEFF), which JSON senders must not add")
        #expect(warning.position.line == 1)
        #expect(warning.position.column == 1)
        #expect(warning.position.offset == 0)
    }

    @Test func hugeNumbersAreKeptExactly() throws {
        let digits = String(repeating: "1234567890", count: 40)
        let value = try JSONParser.parse("[1e400, -\(digits), \(digits).5e-99999]").value
        #expect(value[0]?.numberValue?.literal == "1e400")
        #expect(value[1]?.numberValue?.literal == "-\(digits)")
        #expect(value[2]?.numberValue?.literal == "\(digits).5e-99999")
        #expect(value[0]?.numberValue?.doubleValue == .infinity)
    }
}
