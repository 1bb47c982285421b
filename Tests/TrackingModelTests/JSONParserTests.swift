import Foundation
import Testing
import TrackingModel

/// Loads the vendor example payloads in Tests/Fixtures.
enum JSONParserFixture {
    static func bytes(_ name: String, filePath: String = #filePath) throws -> [UInt8] {
        let url = URL(fileURLWithPath: filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
            .appendingPathComponent(name)
        return [UInt8](try Data(contentsOf: url))
    }
}

/// Runs the parser and returns its error (nil when it parsed).
func jsonParseError(_ bytes: [UInt8]) -> JSONParseError? {
    do {
        _ = try JSONParser.parse(bytes)
        return nil
    } catch {
        return error
    }
}

func jsonParseError(_ text: String) -> JSONParseError? {
    jsonParseError(Array(text.utf8))
}

@Suite struct JSONParserTests {
    @Test func parsesScalarsAndContainers() throws {
        let document = try JSONParser.parse(#" { "a" : [ 1 , -2.5e3 , true , false , null , "x" ] , "b" : { } , "c" : [ ] } "#)
        let expected: JSONValue = [
            "a": [.number(JSONNumber(validatedLiteral: "1")), .number(JSONNumber(validatedLiteral: "-2.5e3")), true, false, nil, "x"],
            "b": .object(JSONObject()),
            "c": [],
        ]
        #expect(document.value == expected)
        #expect(document.warnings.isEmpty)
        #expect(try JSONParser.parse("\t\r\n 42 \n").value == 42)
        #expect(try JSONParser.parse("\"\"").value == "")
        #expect(try JSONParser.parse("[[],[[]],{}]").value == [[], [[]], .object(JSONObject())])
    }

    @Test func keepsMemberOrderAndReportsDuplicates() throws {
        let document = try JSONParser.parse(#"{"zeta":1,"alpha":2,"zeta":3,"mid":{"id":1,"x":0,"id":2}}"#)
        let object = try #require(document.value.objectValue)
        #expect(object.keys == ["zeta", "alpha", "zeta", "mid"])
        #expect(document.value["zeta"] == 3)
        #expect(document.value["mid"]?["id"] == 2)
        #expect(document.warnings.count == 2)
        let first = document.warnings[0]
        #expect(first.code == "duplicate-key")
        #expect(first.path == JSONPath("zeta"))
        #expect(first.position == SourcePosition(offset: 20, line: 1, column: 21))
        #expect(first.message == #"duplicate key "zeta" in one object (the last value wins)"#)
        let second = document.warnings[1]
        #expect(second.path == JSONPath("mid.id"))
        #expect(second.position.offset == 49)
    }

    @Test func duplicatePathsGoThroughArraysAndLargeObjects() throws {
        let document = try JSONParser.parse("{\"items\":[{},{\"id\":1,\"id\":2}]}")
        #expect(document.warnings.map(\.path) == [JSONPath("items[1].id")])
        // More than 16 members takes the hashed path.
        var text = "{"
        for index in 0..<40 { text += "\"k\(index)\":\(index)," }
        text += "\"k7\":true}"
        let large = try JSONParser.parse(text)
        #expect(large.warnings.map(\.path) == [JSONPath("k7")])
        #expect(large.value.objectValue?.count == 41)
        #expect(large.value["k7"] == true)
    }

    @Test func duplicatesAreFoundWhateverTheSpelling() throws {
        // An escaped key equals its plain spelling; long keys differ only in the middle.
        let escaped = try JSONParser.parse(#"{"ab":1,"\u0061b":2,"a\/b":3,"a/b":4}"#)
        #expect(escaped.warnings.map(\.path) == [JSONPath("ab"), JSONPath([.key("a/b")])])
        let long = try JSONParser.parse(#"{"consent_categories_xx":1,"consent_categories_yx":2,"consent_categories_xx":3}"#)
        #expect(long.warnings.map(\.path) == [JSONPath("consent_categories_xx")])
        #expect(long.warnings[0].position.column == 54)
        let distinct = try JSONParser.parse(#"{"a":1,"b":2,"ab":3,"ba":4,"":5,"aa":6,"abcdefghij":7,"abcdefghik":8}"#)
        #expect(distinct.warnings.isEmpty)
    }

    @Test func keysThatResembleKnownKeysStayExact() throws {
        // Usual tracking keys come from a table of pre-built strings; near misses must not.
        let keys = ["event_id", "event_idx", "evenT_id", "event_i", "consistent_anonymous_id",
                    "consistent_anonymous_iD", "id", "i", "", "category_1", "category_9", "é"]
        let text = "{" + keys.enumerated().map { "\"\($0.element)\":\($0.offset)" }.joined(separator: ",") + "}"
        let object = try #require(try JSONParser.parse(text).value.objectValue)
        #expect(object.keys == keys)
        #expect(try JSONParser.parse(#"{"event":1,"event":2}"#).warnings.count == 1)
    }

    @Test func warningPathsPrintLikeJSONPath() throws {
        let document = try JSONParser.parse(#"{"a-b":{"x_1":0,"x_1":1},"é":{"k":0,"k":1},"s p":{"$":0,"$":1},"e\u0301":{"z":0,"z":1}}"#)
        #expect(document.warnings.map(\.path.description) == ["a-b.x_1", "é.k", #"["s p"].$"#, "e\u{301}.z"])
    }

    @Test func keysAreComparedByTheirUTF8() throws {
        // "é" and "e" + combining acute are different keys in JSON, though equal as Swift strings.
        #expect(try JSONParser.parse(#"{"é":1,"e\u0301":2}"#).warnings.isEmpty)
        #expect(try JSONParser.parse(#"{"é":1,"\u00e9":2}"#).warnings.count == 1)
        var text = "{"
        for index in 0..<40 { text += "\"k\(index)\":0," }
        text += #""é":1,"e\u0301":2,"\u00e9":3}"#
        #expect(try JSONParser.parse(text).warnings.map(\.path) == [JSONPath([.key("é")])])
    }

    @Test func numbersKeepTheirExactLiteral() throws {
        let literals = [
            "202110130000000000", "16.00", "-0", "1E+2", "1e-7", "-0.0", "0", "22.53",
            "1e400", "-1.7976931348623157e309", String(repeating: "9", count: 400),
            "123456789012345678901234567890.000000000000000000001",
        ]
        for literal in literals {
            let value = try JSONParser.parse("[\(literal)]").value
            #expect(value[0]?.numberValue?.literal == literal)
            #expect(JSONPrinter.compact(value) == "[\(literal)]")
        }
        let id = try JSONParser.parse(#"{"event_id":202110130000000000}"#).value
        #expect(id["event_id"]?.numberValue?.int64Value == 202_110_130_000_000_000)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(#""q\" b\\ s\/ \b\f\n\r\t \u00e9\u00C9 \ud83d\ude00 \u0000 \u2028""#).value
        #expect(value == .string("q\" b\\ s/ \u{8}\u{C}\n\r\t éÉ 😀 \u{0} \u{2028}"))
        #expect(try JSONParser.parse("\"héllo 😀 日本\"").value == "héllo 😀 日本")
        #expect(try JSONParser.parse(#"{"k\u0065y":1}"#).value.objectValue?.keys == ["key"])
    }

    @Test func stringsOfEveryLengthAroundTheWordBoundary() throws {
        // The scanner reads eight bytes at a time: put the special byte at every offset.
        for length in 0..<40 {
            for position in 0...length {
                let prefix = String(repeating: "a", count: position)
                let suffix = String(repeating: "b", count: length - position)
                #expect(try JSONParser.parse("\"\(prefix)\\n\(suffix)\"").value == .string(prefix + "\n" + suffix))
                #expect(try JSONParser.parse("\"\(prefix)é\(suffix)\"").value == .string(prefix + "é" + suffix))
                let error = jsonParseError("\"\(prefix)\t\(suffix)\"")
                #expect(error?.message == "control character U+0009 must be escaped in a string")
                #expect(error?.position.column == position + 2)
            }
        }
    }

    @Test func vendorLegacyExampleFailsAtTheMissingComma() throws {
        let error = try #require(jsonParseError(try JSONParserFixture.bytes("legacy-brief-published.json")))
        #expect(error.code == "invalid-json")
        #expect(error.message == "expected ',' or '}' after object member")
        #expect(error.position.line == 4)
        #expect(error.position.column == 3)
        #expect(error.description == "4:3: expected ',' or '}' after object member")
    }

    @Test func vendorBatchExampleFailsAtTheMissingComma() throws {
        // The comma is missing at the end of line 25; the parser stops at the next token, the quote
        // of "consent_categories" on line 26, column 13 (the same rule as the legacy example).
        let error = try #require(jsonParseError(try JSONParserFixture.bytes("v2-batch-published.json")))
        #expect(error.code == "invalid-json")
        #expect(error.message == "expected ',' or '}' after object member")
        #expect(error.position.line == 26)
        #expect(error.position.column == 13)
    }

    @Test(arguments: [
        "legacy-brief-corrected.json", "v1-search.json", "v2-search.json", "v2-batch-corrected.json",
    ])
    func vendorCorrectedExamplesParse(name: String) throws {
        let document = try JSONParser.parse(try JSONParserFixture.bytes(name))
        #expect(document.warnings.isEmpty)
        #expect(document.value.objectValue != nil)
    }

    @Test func vendorBatchValuesAreExact() throws {
        let value = try JSONParser.parse(try JSONParserFixture.bytes("v2-batch-corrected.json")).value
        let batch = try #require(value["batch"]?.arrayValue)
        #expect(batch.count == 2)
        #expect(batch[0]["revenue"]?.numberValue?.literal == "16.00")
        #expect(batch[0].objectValue?.keys.first == "event_name")
        #expect(batch[1][JSONPath("context.event_id")] == "202210180000000000")
        #expect(batch[1][JSONPath("user.consent_categories")] == [1, 2, 3])
    }

    @Test func byteOrderMarkIsAcceptedWithAWarning() throws {
        let document = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array(#"{"a":1,"a":2}"#.utf8))
        #expect(document.value["a"] == 2)
        #expect(document.warnings.map(\.code) == ["byte-order-mark", "duplicate-key"])
        #expect(document.warnings[0].position == SourcePosition(offset: 0, line: 1, column: 1))
        #expect(document.warnings[0].path == .root)
        // Offsets count the mark; columns start after it.
        #expect(document.warnings[1].position == SourcePosition(offset: 10, line: 1, column: 8))
    }

    @Test func overloadsAgree() throws {
        let text = #"{"a":[1,"é",{"b":null}]}"#
        let bytes = Array(text.utf8)
        let fromBytes = try JSONParser.parse(bytes)
        let fromString = try JSONParser.parse(text)
        let fromBuffer = try bytes.withUnsafeBytes { buffer throws(JSONParseError) in try JSONParser.parse(buffer) }
        #expect(fromBytes == fromString)
        #expect(fromBytes == fromBuffer)
        #expect(try JSONParser.parseValue(text) == fromBytes.value)
        // A slice: positions count from the slice's start.
        let lines = Array("[1]\n{\"a\":1,}\n".utf8)
        #expect(try JSONParser.parseValue(lines[0..<3]) == [1])
        let error = try #require(throws: JSONParseError.self) { try JSONParser.parse(lines[4..<12]) }
        #expect(error.position == SourcePosition(offset: 6, line: 1, column: 7))
    }

    @Test func linesEndAtLFCRLFAndLoneCR() {
        #expect(jsonParseError("[1,\n2,\n3 4]")?.position == SourcePosition(offset: 9, line: 3, column: 3))
        #expect(jsonParseError("[1,\r\n2,\r\n3 4]")?.position == SourcePosition(offset: 11, line: 3, column: 3))
        #expect(jsonParseError("[1,\r2,\r3 4]")?.position == SourcePosition(offset: 9, line: 3, column: 3))
        #expect(jsonParseError("[1,\r\r\n\n4 x]")?.position == SourcePosition(offset: 9, line: 4, column: 3))
    }

    @Test func columnsCountUnicodeScalars() {
        // "é" is two bytes, "😀" four: the column still counts one each.
        let error = jsonParseError("[\"é😀\", x]")
        #expect(error?.position == SourcePosition(offset: 11, line: 1, column: 8))
        #expect(error?.message == "expected a value, found 'x'")
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let depth = JSONParser.maximumDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var value = try JSONParser.parse(text).value
        for _ in 1..<depth { value = try #require(value[0]) }
        #expect(value == [])
        let deeper = String(repeating: "{\"a\":", count: depth) + "{}" + String(repeating: "}", count: depth)
        let error = try #require(jsonParseError(deeper))
        #expect(error.code == "too-deep")
        #expect(error.position.offset == depth * 5)
    }

    @Test func whitespaceIsOnlyTheFourRFCCharacters() {
        #expect(jsonParseError("\u{C}[]")?.message == "expected a JSON value, found U+000C")
        #expect(jsonParseError("[1,\u{B}2]")?.message == "expected a value after ',', found U+000B")
        #expect(jsonParseError("[1,\u{A0}2]")?.message == "expected a value after ',', found U+00A0")
    }

    @Test func errorsBecomeFindings() throws {
        let error = try #require(jsonParseError("[1,]"))
        let finding = error.finding
        #expect(finding.severity == .error)
        #expect(finding.code == "invalid-json")
        #expect(finding.line == 1 && finding.column == 3)
        #expect(finding.message == "trailing comma before ']'")
        #expect(error.localizedDescription == "1:3: trailing comma before ']'")
        let warning = try #require(try JSONParser.parse(#"{"a":1,"a":2}"#).warnings.first)
        #expect(warning.finding == Finding(severity: .warning, code: "duplicate-key", path: "a",
                                           message: #"duplicate key "a" in one object (the last value wins)"#,
                                           line: 1, column: 8))
    }
}
