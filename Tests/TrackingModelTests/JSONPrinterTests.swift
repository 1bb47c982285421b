import SeededRandom
import Testing
import TrackingModel

/// Random JSON values for property-style tests: odd strings, exact number literals, duplicates.
enum RandomJSON {
    static let keys = ["id", "name", "a", "", "é", "with space", "quote\"", "back\\slash", "line\nbreak", "😀", "id"]
    static let pieces = ["a", "Z", " ", "é", "日本", "😀", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "\u{7F}",
                         "\u{2028}", "\u{2029}", "\u{FEFF}", "xyzxyzxyz", "\r\n"]
    static let numbers = ["0", "-0", "1", "-1", "16.00", "22.53", "1E+2", "1e-7", "-3.5E10", "202110130000000000",
                          "123456789012345678901234567890", "1e400", "0.000001", "-0.0"]

    static func value(depth: Int = 0, using random: inout SeededRandom) -> JSONValue {
        let choice = Int.random(in: 0..<(depth >= 4 ? 6 : 9), using: &random)
        switch choice {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2, 3: return .number(JSONNumber(validatedLiteral: numbers.randomElement(using: &random)!))
        case 4, 5: return .string(string(using: &random))
        case 6:
            return .array((0..<Int.random(in: 0...5, using: &random)).map { _ in value(depth: depth + 1, using: &random) })
        default:
            let members = (0..<Int.random(in: 0...6, using: &random)).map { _ in
                JSONObject.Member(key: keys.randomElement(using: &random)!, value: value(depth: depth + 1, using: &random))
            }
            return .object(JSONObject(members))
        }
    }

    static func string(using random: inout SeededRandom) -> String {
        (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }
}

@Suite struct JSONPrinterTests {
    static let sample: JSONValue = [
        "b": [1, .number(JSONNumber(validatedLiteral: "2.50")), "x\ny"],
        "a": .object(JSONObject()),
        "c": [],
        "d": nil,
        "e": true,
        "b": false,
    ]

    @Test func compactKeepsOrderDuplicatesAndLiterals() {
        #expect(JSONPrinter.compact(Self.sample) == #"{"b":[1,2.50,"x\ny"],"a":{},"c":[],"d":null,"e":true,"b":false}"#)
        #expect(JSONPrinter.compact(nil) == "null")
        #expect(JSONPrinter.compact("") == #""""#)
        #expect(JSONPrinter.compact(.number(JSONNumber(validatedLiteral: "202110130000000000"))) == "202110130000000000")
    }

    @Test func prettyIsLikeJSONStringify() {
        let expected = """
        {
          "b": [
            1,
            2.50,
            "x\\ny"
          ],
          "a": {},
          "c": [],
          "d": null,
          "e": true,
          "b": false
        }
        """
        #expect(JSONPrinter.pretty(Self.sample) == expected)
        #expect(JSONPrinter.pretty(["k": [["x": 1]]], indent: 4) == "{\n    \"k\": [\n        {\n            \"x\": 1\n        }\n    ]\n}")
        #expect(JSONPrinter.pretty(Self.sample, indent: 0) == JSONPrinter.compact(Self.sample))
        #expect(JSONPrinter.pretty(.object(JSONObject())) == "{}")
        #expect(JSONPrinter.pretty([]) == "[]")
        #expect(JSONPrinter.pretty("s") == #""s""#)
    }

    @Test func stringsAreEscaped() {
        #expect(JSONPrinter.compact("q\" b\\ /") == #""q\" b\\ /""#)
        // Backspace, form feed and DEL as the capture log writes them (one escaping everywhere).
        #expect(JSONPrinter.compact("\n\r\t\u{8}\u{C}") == #""\n\r\t\u0008\u000c""#)
        #expect(JSONPrinter.compact("\u{0}\u{1}\u{1F}\u{7F}") == #""\u0000\u0001\u001f\u007f""#)
        #expect(JSONPrinter.compact("a\u{2028}b\u{2029}c") == #""a\u2028b\u2029c""#)
        #expect(JSONPrinter.compact("é 日本 😀 \u{2027}\u{202A}") == "\"é 日本 😀 \u{2027}\u{202A}\"")
        #expect(JSONPrinter.quoted("k\"") == #""k\"""#)
        #expect(JSONPrinter.compact(["line\nkey": 1]) == #"{"line\nkey":1}"#)
    }

    @Test func escapesAtEveryOffsetAroundTheWordBoundary() throws {
        // The printer skips eight plain bytes at a time: put each special character everywhere.
        let specials: [(String, String)] = [("\"", #"\""#), ("\\", #"\\"#), ("\n", #"\n"#), ("\u{1}", #"\u0001"#),
                                            ("\u{2028}", #"\u2028"#), ("€", "€"), ("\u{2030}", "\u{2030}")]
        for length in 0..<20 {
            for position in 0...length {
                for (special, escaped) in specials {
                    let prefix = String(repeating: "a", count: position)
                    let suffix = String(repeating: "b", count: length - position)
                    let printed = JSONPrinter.compact(.string(prefix + special + suffix))
                    #expect(printed == "\"" + prefix + escaped + suffix + "\"")
                    #expect(try JSONParser.parse(printed).value == .string(prefix + special + suffix))
                }
            }
        }
    }

    @Test func appendCompactAppendsToTheBuffer() {
        var buffer = Array("data: ".utf8)
        JSONPrinter.appendCompact(["a": [true, nil]], to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == #"data: {"a":[true,null]}"#)
    }

    @Test func printedVendorExampleParsesBackIdentically() throws {
        let bytes = try JSONParserFixture.bytes("v2-search.json")
        let value = try JSONParser.parse(bytes).value
        #expect(try JSONParser.parse(JSONPrinter.compact(value)).value == value)
        // The fixture is already indented with two spaces, as JSON.stringify would.
        #expect(JSONPrinter.pretty(value) + "\n" == String(decoding: bytes, as: UTF8.self))
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func randomValuesSurviveARoundTrip(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        for _ in 0..<150 {
            let value = RandomJSON.value(using: &random)
            let compact = JSONPrinter.compact(value)
            let pretty = JSONPrinter.pretty(value, indent: Int.random(in: 1...4, using: &random))
            #expect(try JSONParser.parse(compact).value == value, "\(compact)")
            #expect(try JSONParser.parse(pretty).value == value, "\(pretty)")
            // Printing is stable: parse then print gives the same text.
            #expect(JSONPrinter.compact(try JSONParser.parse(compact).value) == compact)
            #expect(!compact.contains("\n"))
        }
    }
}
