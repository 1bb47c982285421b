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
