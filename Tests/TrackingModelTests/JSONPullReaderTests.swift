import SeededRandom
import Testing
import TrackingModel

/// Runs `body` with a pull reader of `bytes`, requiring nothing but whitespace after what it reads.
private func pull<T>(_ bytes: [UInt8], _ body: (inout JSONPullReader) throws(JSONReadError) -> T) throws(JSONReadError) -> T {
    try bytes.withUnsafeBufferPointer { buffer throws(JSONReadError) in try JSONPullReader.read(buffer, body) }
}

private func pull<T>(_ text: String, _ body: (inout JSONPullReader) throws(JSONReadError) -> T) throws(JSONReadError) -> T {
    try pull(Array(text.utf8), body)
}

/// The error `body` throws, or nil.
private func readError(_ bytes: [UInt8], _ body: (inout JSONPullReader) throws(JSONReadError) -> Void) -> JSONReadError? {
    do throws(JSONReadError) {
        try pull(bytes, body)
        return nil
    } catch {
        return error
    }
}

/// Hostile nesting, as a client could send it.
struct DeepInput: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]

    var testDescription: String { "\(name) (\(bytes.count) bytes)" }

    static let sizes = [25_000, 100_000, 250_000, 500_000]

    static let all: [DeepInput] = sizes.flatMap { size -> [DeepInput] in
        let brackets = size
        let members = size / 5
        return [
            DeepInput(name: "[ unclosed", bytes: [UInt8](repeating: UInt8(ascii: "["), count: brackets)),
            DeepInput(name: "[ closed", bytes: [UInt8](repeating: UInt8(ascii: "["), count: brackets)
                + [UInt8](repeating: UInt8(ascii: "]"), count: brackets)),
            DeepInput(name: "{\"a\": unclosed", bytes: Array(String(repeating: #"{"a":"#, count: members).utf8)),
            DeepInput(name: "{\"a\": closed", bytes: Array((String(repeating: #"{"a":"#, count: members) + "1"
                + String(repeating: "}", count: members)).utf8)),
        ]
    }
}

@Suite struct JSONPullReaderTests {
    // MARK: Depth

    @Test(arguments: DeepInput.all)
    func hostileNestingIsTooDeepNotACrash(input: DeepInput) {
        let skipped = readError(input.bytes) { (reader: inout JSONPullReader) throws(JSONReadError) in try reader.skipValue() }
        #expect(skipped?.code == "too-deep")
        let read = readError(input.bytes) { (reader: inout JSONPullReader) throws(JSONReadError) in _ = try reader.readValue() }
        #expect(read?.code == "too-deep")
        // Inside an object read with callbacks, as the capture log reads its lines.
        let line = Array(#"{"seq":1,"x":"#.utf8) + input.bytes + Array("}".utf8)
        let nested = readError(line) { (reader: inout JSONPullReader) throws(JSONReadError) in
            try reader.readObject { (reader: inout JSONPullReader, _: JSONPullKey) throws(JSONReadError) in try reader.skipValue() }
        }
        #expect(nested?.code == "too-deep")
        #expect(throws: JSONParseError.self) { try JSONParser.parse(input.bytes) }
    }

    /// One limit, `JSONParser.maximumDepth`, for the parser and every way of the reader, counting
    /// the levels its callbacks opened.
    @Test func theDepthLimitIsTheParsersAndCountsTheOpenLevels() throws {
        let limit = JSONParser.maximumDepth
        func nested(_ levels: Int) -> [UInt8] {
            [UInt8](repeating: UInt8(ascii: "["), count: levels) + [UInt8](repeating: UInt8(ascii: "]"), count: levels)
        }
        _ = try JSONParser.parse(nested(limit))
        #expect(throws: JSONParseError.self) { try JSONParser.parse(nested(limit + 1)) }
        try pull(nested(limit)) { (reader: inout JSONPullReader) throws(JSONReadError) in try reader.skipValue() }
        _ = try pull(nested(limit)) { (reader: inout JSONPullReader) throws(JSONReadError) in try reader.readValue() }
        #expect(readError(nested(limit + 1)) { (reader: inout JSONPullReader) throws(JSONReadError) in try reader.skipValue() }?.code == "too-deep")
        #expect(readError(nested(limit + 1)) { (reader: inout JSONPullReader) throws(JSONReadError) in _ = try reader.readValue() }?.code == "too-deep")

        // Inside one array opened with readArray, one level fewer is left.
        let inside = [UInt8(ascii: "[")] + nested(limit - 1) + [UInt8(ascii: "]")]
        try pull(inside) { (reader: inout JSONPullReader) throws(JSONReadError) in
            try reader.readArray { (reader: inout JSONPullReader) throws(JSONReadError) in try reader.skipValue() }
        }
        let tooDeep = [UInt8(ascii: "[")] + nested(limit) + [UInt8(ascii: "]")]
        for readsValue in [false, true] {
            let error = readError(tooDeep) { (reader: inout JSONPullReader) throws(JSONReadError) in
                try reader.readArray { (reader: inout JSONPullReader) throws(JSONReadError) in
                    if readsValue { _ = try reader.readValue() } else { try reader.skipValue() }
                }
            }
            #expect(error?.code == "too-deep")
        }
        // Callbacks nesting readArray themselves stop at the same limit.
        func readNested(_ reader: inout JSONPullReader) throws(JSONReadError) {
            try reader.readArray { (reader: inout JSONPullReader) throws(JSONReadError) in try readNested(&reader) }
        }
        try pull(nested(limit)) { (reader: inout JSONPullReader) throws(JSONReadError) in try readNested(&reader) }
        #expect(readError(nested(limit + 1)) { (reader: inout JSONPullReader) throws(JSONReadError) in try readNested(&reader) }?.code == "too-deep")
    }

    // MARK: Agreement with the parser

    /// Every malformed input the parser refuses, the reader refuses too, whether it skips the value
    /// or reads it (inputs starting with a byte-order mark are the parser's alone to accept).
    @Test(arguments: MalformedJSONCorpusTests.cases.filter { !$0.bytes.starts(with: [0xEF, 0xBB, 0xBF]) })
    func whatTheParserRefusesTheReaderRefuses(input: MalformedJSONCase) {
        #expect(readError(input.bytes) { (reader: inout JSONPullReader) throws(JSONReadError) in try reader.skipValue() } != nil)
        #expect(readError(input.bytes) { (reader: inout JSONPullReader) throws(JSONReadError) in _ = try reader.readValue() } != nil)
    }

    @Test(arguments: [
        #""\x""#, #""\ud800""#, #""\udc00x""#, #""\ud800\u0041""#, "\"a\u{01}b\"", #""\u12""#, #""abc"#,
        "[1,]", "[}", #"{"a":1]"#, #"{"a" 1}"#, "{1:2}", "01", "1.", "-", "1e", "tru", "nul", "[1 2]", #"{"a":1,}"#,
    ])
    func badValuesAreRefusedByBothSkippingAndReading(text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
        #expect(readError(Array(text.utf8)) { (reader: inout JSONPullReader) throws(JSONReadError) in try reader.skipValue() } != nil, "\(text)")
        #expect(readError(Array(text.utf8)) { (reader: inout JSONPullReader) throws(JSONReadError) in _ = try reader.readValue() } != nil, "\(text)")
    }

    @Test func invalidUTF8InAStringIsRefused() {
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC0, 0x80, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xE2, 0x82, 0x22]] {
            #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) }
            let skipped = readError(bytes) { (reader: inout JSONPullReader) throws(JSONReadError) in try reader.skipValue() }
            #expect(skipped?.code == "invalid-utf8")
            let read = readError(bytes) { (reader: inout JSONPullReader) throws(JSONReadError) in _ = try reader.readStringBytes() }
            #expect(read?.code == "invalid-utf8")
        }
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func randomDocumentsSkipAndReadAsTheParserReadsThem(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        for _ in 0..<150 {
            let value = RandomJSON.value(using: &random)
            for text in [JSONPrinter.compact(value), JSONPrinter.pretty(value)] {
                let bytes = Array(text.utf8)
                try pull(bytes) { (reader: inout JSONPullReader) throws(JSONReadError) in try reader.skipValue() }
                let read = try pull(bytes) { (reader: inout JSONPullReader) throws(JSONReadError) in try reader.readValue() }
                #expect(read == (try JSONParser.parse(bytes).value))
                #expect(read == value)
            }
        }
    }

    // MARK: Scalars and callbacks

    @Test func stringsComeBackDecoded() throws {
        let text = #""q\" b\\ s\/ \b\f\n\r\t \u00e9\u00C9 \ud83d\ude00 \u0000 \u2028 é""#
        let bytes = try pull(text) { (reader: inout JSONPullReader) throws(JSONReadError) in try reader.readStringBytes() }
        #expect(bytes == Array("q\" b\\ s/ \u{8}\u{C}\n\r\t éÉ 😀 \u{0} \u{2028} é".utf8))
        #expect(try pull(#""plain""#) { (reader: inout JSONPullReader) throws(JSONReadError) in try reader.readString() } == "plain")
    }

    @Test func aControlCharacterIsRefusedWhereItIs() {
        let error = readError(Array("\"ab\u{01}\"".utf8)) { (reader: inout JSONPullReader) throws(JSONReadError) in _ = try reader.readString() }
        #expect(error == JSONReadError(message: "control character in string", offset: 3))
    }

    @Test func integersAreExactAndBounded() throws {
        #expect(try pull("9223372036854775807") { (reader: inout JSONPullReader) throws(JSONReadError) in try reader.readInt() } == .max)
        #expect(try pull("-9223372036854775808") { (reader: inout JSONPullReader) throws(JSONReadError) in try reader.readInt() } == .min)
        for text in ["9223372036854775808", "1.5", "1e3", "01", "-", "x"] {
            #expect(readError(Array(text.utf8)) { (reader: inout JSONPullReader) throws(JSONReadError) in _ = try reader.readInt() } != nil, "\(text)")
        }
        #expect(try pull("-1.25e2") { (reader: inout JSONPullReader) throws(JSONReadError) in try reader.readNumberLiteral() } == "-1.25e2")
    }

    @Test func objectsHandTheirKeysOverDecoded() throws {
        var seen: [String] = []
        var values: [JSONValue] = []
        try pull(#" { "a" : 1 , "b\u0063" : [true, null] , "d" : {"e": "f"} } "#) { (reader: inout JSONPullReader) throws(JSONReadError) in
            try reader.readObject { (reader: inout JSONPullReader, key: JSONPullKey) throws(JSONReadError) in
                seen.append(key.string)
                if key.matches("bc") { try reader.skipValue() } else { values.append(try reader.readValue()) }
            }
        }
        #expect(seen == ["a", "bc", "d"])
        #expect(values == [1, ["e": "f"]])
    }
}
