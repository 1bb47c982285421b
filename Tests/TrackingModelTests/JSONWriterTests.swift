import SeededRandom
import Testing
import TrackingModel

@Suite struct JSONWriterTests {
    private func written(_ text: String) -> String {
        var writer = JSONWriter()
        writer.string(text)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test func specialCharactersAreEscapedOneWay() {
        #expect(written("q\" b\\ /") == #""q\" b\\ /""#)
        #expect(written("\n\r\t") == #""\n\r\t""#)
        #expect(written("\u{0}\u{1}\u{8}\u{C}\u{1F}") == #""\u0000\u0001\u0008\u000c\u001f""#)
        #expect(written("\u{7F}") == #""\u007f""#)
        #expect(written("a\u{2028}b\u{2029}c") == #""a\u2028b\u2029c""#)
        // Other characters, those sharing U+2028's lead byte included, stay as UTF-8.
        #expect(written("é 日本 😀 € \u{2027}\u{202A}\u{2030}") == "\"é 日本 😀 € \u{2027}\u{202A}\u{2030}\"")
    }

    /// Every ASCII byte, then the separators: nothing below 0x20, no DEL, no raw U+2028/U+2029 in
    /// the output, and the parser reads the text back.
    @Test func theOutputHasNoRawControlsAndReadsBack() throws {
        let text = String(decoding: (0..<0x80).map { UInt8($0) }, as: UTF8.self) + "\u{2028}x\u{2029}"
        var writer = JSONWriter()
        writer.string(text)
        #expect(writer.bytes.allSatisfy { $0 >= 0x20 && $0 != 0x7F })
        #expect(!String(decoding: writer.bytes, as: UTF8.self).contains("\u{2028}"))
        #expect(!String(decoding: writer.bytes, as: UTF8.self).contains("\u{2029}"))
        #expect(try JSONParser.parse(writer.bytes).value == .string(text))
    }

    /// The printer, the log and the answers write through the same writer.
    @Test func thePrinterEscapesAsTheWriterDoes() {
        for text in ["\u{7F}\u{8}\u{C}", "a\u{2028}", "\"\\\n", "plain"] {
            #expect(JSONPrinter.quoted(text) == written(text))
            #expect(JSONPrinter.compact(.string(text)) == written(text))
        }
    }

    @Test(arguments: [1 as UInt64, 2, 3, 4])
    func randomDocumentsRoundTripThroughTheParser(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        for _ in 0..<200 {
            let value = RandomJSON.value(using: &random)
            var writer = JSONWriter(capacity: 16)
            writer.value(value)
            #expect(!writer.bytes.contains(0x0A))
            #expect(try JSONParser.parse(writer.bytes).value == value)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == JSONPrinter.compact(value))
            // Strings of random bytes below 0x80 and separators, escaped on the log's fast path.
            let text = String(decoding: (0..<Int.random(in: 0...40, using: &random)).flatMap { _ -> [UInt8] in
                random.below(10) == 0 ? Array("\u{2028}".utf8) : [UInt8(random.below(0x80))]
            }, as: UTF8.self)
            var strings = JSONWriter()
            strings.string(text)
            #expect(try JSONParser.parse(strings.bytes).value == .string(text))
        }
    }

    /// The escaper reads eight bytes at a time: on random text of every length up to 70 bytes
    /// (so every position in a word and every tail), written after a prefix of random length
    /// (so at every offset in the buffer), it writes what the documented rules say, byte for byte.
    @Test(arguments: [11 as UInt64, 12, 13, 14])
    func escapingMatchesTheDocumentedRulesOnRandomText(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        for _ in 0..<2_000 {
            let text = Self.randomText(bytes: random.below(71), using: &random)
            let prefix = [UInt8](repeating: UInt8(ascii: "p"), count: random.below(9))
            var writer = JSONWriter(appendingTo: prefix)
            writer.string(text)
            let expected = prefix + Self.referenceEscaped(text)
            #expect(writer.bytes == expected, "\(Array(text.utf8))")
            let scan = Array(text.utf8).withUnsafeBufferPointer { JSONEscapeScan($0) }
            #expect(scan.extraBytes == expected.count - prefix.count - 2 - text.utf8.count)
            #expect(scan.isASCII == text.utf8.allSatisfy { $0 < 0x80 })
        }
    }

    @Test func escapesAtEveryPositionOfAWord() {
        for special in ["\"", "\\", "\n", "\u{0}", "\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}", "\u{2027}", "â", "€"] {
            for before in 0...17 {
                for after in 0...9 {
                    let text = String(repeating: "a", count: before) + special + String(repeating: "b", count: after)
                    #expect(written(text) == String(decoding: Self.referenceEscaped(text), as: UTF8.self))
                }
            }
        }
        // U+2028's lead byte at the very end, and cut short: not a separator, so left as it is.
        for cut in [[0xE2], [0xE2, 0x80], [0x61, 0xE2, 0x80], [0xE2, 0x80, 0x41]] as [[UInt8]] {
            var writer = JSONWriter()
            cut.withUnsafeBufferPointer { writer.string(utf8: $0) }
            #expect(writer.bytes == [0x22] + cut + [0x22])
        }
    }

    /// Short strings are copied whole when nothing in them needs escaping: at every length around
    /// that path's limit, plain, with an escape last, and with a non-ASCII character last.
    @Test func shortStringsAtEveryLengthMatchTheDocumentedRules() {
        for length in 0...40 {
            let plain = String((0..<length).map { Character(Unicode.Scalar(UInt8(0x41 + $0 % 26))) })
            for text in [plain, String(plain.dropLast()) + "\"", String(plain.dropLast()) + "é", String(plain.dropLast()) + "\u{2028}"] {
                #expect(written(text) == String(decoding: Self.referenceEscaped(text), as: UTF8.self), "\(text)")
            }
        }
    }

    /// `member` writes `"name":` and the string by the documented rules: on random text, plain
    /// or not, after keys of every length around the staged path's limit, at every offset.
    @Test(arguments: [21 as UInt64, 22])
    func aMemberIsItsKeyThenItsString(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let names: [StaticString] = [
            "", "a", "seq", "message", "eventTimestamp", "twenty_three_characters", "twenty_four_characters__",
            "twenty_five_characters___", "a_key_well_past_the_staged_limit",
        ]
        for _ in 0..<2_000 {
            let text = random.below(2) == 0
                ? Self.randomText(bytes: random.below(41), using: &random)
                : String((0..<random.below(41)).map { _ in Character(Unicode.Scalar(UInt8(0x20 + random.below(0x5F)))) })
            let name = names[random.below(names.count)]
            let prefix = [UInt8](repeating: UInt8(ascii: "p"), count: random.below(9))
            var writer = JSONWriter(appendingTo: prefix)
            writer.member(name, text)
            let expected = prefix + Array("\"\(name)\":".utf8) + Self.referenceEscaped(text)
            #expect(writer.bytes == expected, "\(name) \(Array(text.utf8))")
        }
    }

    /// The documented escapes, character by character, written as plainly as can be.
    static func referenceEscaped(_ text: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += Array(#"\""#.utf8)
            case "\\": out += Array(#"\\"#.utf8)
            case "\n": out += Array(#"\n"#.utf8)
            case "\r": out += Array(#"\r"#.utf8)
            case "\t": out += Array(#"\t"#.utf8)
            case "\u{2028}": out += Array(#"\u2028"#.utf8)
            case "\u{2029}": out += Array(#"\u2029"#.utf8)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default:
                out += Array(String(scalar).utf8)
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }

    /// Text of about `bytes` bytes (up to three more) from characters the escaper looks at,
    /// characters sharing U+2028's lead byte, and plain ones.
    static func randomText(bytes: Int, using random: inout SeededRandom) -> String {
        let characters: [Unicode.Scalar] = [
            "a", "Z", " ", "0", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{8}", "\u{C}", "\u{1F}", "\u{7F}",
            "\u{2028}", "\u{2029}", "\u{2027}", "\u{202A}", "\u{2030}", "€", "â", "é", "\u{80}", "日", "😀",
        ]
        var text = ""
        while text.utf8.count < bytes {
            if random.below(3) == 0 {
                text.unicodeScalars.append(characters[random.below(characters.count)])
            } else {
                // Any scalar below U+3000, where most of the interesting ones are.
                text.unicodeScalars.append(Unicode.Scalar(UInt32(random.below(0x3000))) ?? "x")
            }
        }
        return text
    }

    @Test func numbersAndLiterals() {
        var writer = JSONWriter()
        writer.raw("[")
        writer.int(-42); writer.comma()
        writer.int(UInt64.max); writer.comma()
        writer.double(1.5); writer.comma()
        writer.double(3); writer.comma()
        writer.double(.nan); writer.comma()
        writer.bool(true); writer.comma()
        writer.null()
        writer.raw("]")
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "[-42,18446744073709551615,1.5,3,0,true,null]")
    }

    /// A finding has one JSON form: written as bytes (the log) or built as a value (the answers),
    /// and read back by the pull reader.
    @Test func aFindingHasOneJSONForm() throws {
        let findings = [
            Finding(severity: .warning, code: "missing-field", path: "$.items", message: "items \"missing\"", hint: "add\u{2028}items", line: 1, column: 2),
            Finding(severity: .error, code: "invalid-json", path: "$", message: "broken"),
        ]
        for finding in findings {
            var writer = JSONWriter()
            writer.finding(finding)
            #expect(try JSONParser.parse(writer.bytes).value == finding.jsonValue)
            let back = try writer.bytes.withUnsafeBufferPointer { buffer throws(JSONReadError) in
                try JSONPullReader.read(buffer) { (reader: inout JSONPullReader) throws(JSONReadError) in try Finding(reading: &reader) }
            }
            #expect(back == finding)
        }
        #expect(findings[1].jsonValue.objectValue?.keys == ["severity", "code", "path", "message"])
        #expect(findings[0].jsonValue.objectValue?.keys == ["severity", "code", "path", "message", "hint", "line", "column"])
    }
}
