import SeededRandom
import Testing
@testable import TrackingModel

@Suite struct SourcePositionCounterTests {
    func positions(_ text: String, _ offsets: [Int]) -> [[Int]] {
        var counter = SourcePositionCounter()
        let bytes = Array(text.utf8)
        return offsets.map { offset in
            let position = counter.advance(to: offset, in: bytes)
            return [position.line, position.column]
        }
    }

    @Test func linesEndAtLFCRLFAndALoneCR() {
        // a \n b \r\n c \r d
        let text = "a\nb\r\nc\rd"
        #expect(positions(text, [0, 2, 3, 4, 5, 7]) == [[1, 1], [2, 1], [2, 2], [2, 3], [3, 1], [4, 1]])
    }

    @Test func columnsCountScalarsNotBytes() {
        let text = "\"é€😀\":1"
        // é is 2 bytes, € 3, 😀 4: the colon is byte 11, the 5th scalar after the quote.
        #expect(positions(text, [1, 3, 6, 10, 11]) == [[1, 2], [1, 3], [1, 4], [1, 5], [1, 6]])
    }

    @Test func aByteOrderMarkTakesNoColumn() {
        // The mark is bytes 0-2; `{` is byte 3 and column 1.
        let text = "\u{FEFF}{\n}"
        #expect(positions(text, [0, 2, 3, 4, 5]) == [[1, 1], [1, 1], [1, 1], [1, 2], [2, 1]])
    }

    @Test func manyPositionsInOnePassEqualEachCountedAlone() {
        let text = "{\r\n  \"a\": [1,\r 2],\n\t\"b\": \"ü\"\r}\n"
        let bytes = Array(text.utf8)
        var counter = SourcePositionCounter()
        for offset in 0...bytes.count {
            let incremental = counter.advance(to: offset, in: bytes)
            let alone = SourcePosition.locating(offset: offset, in: bytes)
            #expect(incremental == alone, "offset \(offset)")
        }
        // Going back starts over; going past the end stops at the end.
        #expect(counter.advance(to: 1, in: bytes) == SourcePosition.locating(offset: 1, in: bytes))
        let past = counter.advance(to: bytes.count + 10, in: bytes)
        #expect(past.line == SourcePosition.locating(offset: bytes.count, in: bytes).line)
    }

    /// The counter reads eight bytes at a time: on random text of line feeds, carriage returns,
    /// multi-byte scalars and plain runs, every position is the one a byte-by-byte count gives.
    @Test func wordAtATimeCountingEqualsCountingByteByByte() {
        let pieces = ["a", "bcdefghij", " ", "\n", "\r", "\r\n", "\n\n", "é", "€", "😀", "\t", "\u{FEFF}"]
        var random = SeededRandom(seed: 21)
        for round in 0..<300 {
            var text = (0..<random.below(40)).map { _ in pieces[random.below(pieces.count)] }.joined()
            if round % 5 == 0 { text = "\u{FEFF}" + text }
            let bytes = Array(text.utf8)
            var counter = SourcePositionCounter()
            for offset in 0...bytes.count {
                let expected = Self.countedByteByByte(offset, in: bytes)
                #expect(counter.advance(to: offset, in: bytes) == expected, "offset \(offset) of \(bytes)")
                if offset % 7 == 0 { #expect(SourcePosition.locating(offset: offset, in: bytes) == expected) }
            }
        }
    }

    /// The rules counted the plain way, one byte at a time.
    static func countedByteByByte(_ target: Int, in bytes: [UInt8]) -> SourcePosition {
        var line = 1
        var column = 1
        var offset = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while offset < target {
            let byte = bytes[offset]
            if byte == 0x0A || (byte == 0x0D && !(offset + 1 < bytes.count && bytes[offset + 1] == 0x0A)) {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            offset += 1
        }
        return SourcePosition(offset: target, line: line, column: column)
    }

    @Test func findingsAndParseErrorsAgreeOnLinesEndedByACarriageReturn() throws {
        // Classic Mac line endings: the inspector's findings and the parser's errors count the same lines.
        let event = "{\r  \"event\": \"search\",\r  \"eventTimestamp\": \"2015-12-12T19:11:01.249Z\"\r}"
        let report = PayloadInspector.inspect(bytes: Array(event.utf8), form: .event)
        let timestamp = try #require(report.events.first?.findings.first { $0.code == "timestamp-iso8601" })
        #expect(timestamp.line == 3)
        let broken = "{\r  \"event\": \"search\"\r  \"x\": 1\r}"
        let error = try #require(PayloadInspector.inspect(bytes: Array(broken.utf8), form: .event).findings.first)
        #expect(error.code == "invalid-json")
        #expect(error.line == 3)
    }
}
