/// A fast, strict JSON reader that pulls values out of raw bytes one at a time, for inputs whose
/// shape the caller knows (the capture log's lines, a body's events): it reads straight into the
/// fields it is asked for, with no intermediate tree, and builds a `JSONValue` only when a whole
/// value is wanted (`readValue`, through `JSONParser`'s own iterative code).
///
/// It shares the parser's string and number code, so it accepts and refuses exactly what
/// `JSONParser` does, and honours the same depth limit (`JSONParser.maximumDepth`, counting the
/// objects and arrays open in `readObject`/`readArray` calls). Nothing here recurses on the input:
/// `skipValue` and `readValue` are iterative; `readObject` and `readArray` nest only as deep as the
/// caller's callbacks do.
///
/// The reader points into memory it does not own: use it only while its buffer is alive.
public struct JSONPullReader {
    let base: UnsafePointer<UInt8>
    /// The input's length: reading stops here.
    public let end: Int
    /// The offset of the next byte to read.
    public var offset: Int
    /// How many objects and arrays are open in `readObject`/`readArray` calls.
    public private(set) var depth: Int = 0

    /// A reader of `buffer`, starting at `offset`.
    public init(_ buffer: UnsafeBufferPointer<UInt8>, offset: Int = 0) {
        // An empty buffer may have a nil base address; point at a harmless static byte instead.
        self.base = buffer.baseAddress ?? JSONPullReader.emptyBase
        self.end = buffer.count
        self.offset = offset
    }

    nonisolated(unsafe) private static let emptyBase: UnsafePointer<UInt8> = {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return UnsafePointer(pointer)
    }()

    /// The byte at `position` (which must be below `end`).
    public func byte(at position: Int) -> UInt8 { base[position] }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { offset >= end }

    /// An error at the current offset.
    public func fail(_ message: String) -> JSONReadError {
        JSONReadError(message: message, offset: offset)
    }

    private func tooDeep() -> JSONReadError {
        JSONReadError(code: "too-deep", message: "nesting deeper than \(JSONParser.maximumDepth) levels", offset: offset)
    }

    /// Steps over spaces, tabs, line feeds and carriage returns.
    @inline(__always)
    public mutating func skipWhitespace() {
        while offset < end {
            switch base[offset] {
            case 0x20, 0x09, 0x0A, 0x0D: offset += 1
            default: return
            }
        }
    }

    /// The next non-whitespace byte, without consuming it.
    public mutating func peek() -> UInt8? {
        skipWhitespace()
        return offset < end ? base[offset] : nil
    }

    /// Consumes `byte` (after whitespace), or fails.
    public mutating func expect(_ byte: UInt8) throws(JSONReadError) {
        skipWhitespace()
        guard offset < end, base[offset] == byte else {
            throw fail("expected '\(Character(Unicode.Scalar(byte)))'")
        }
        offset += 1
    }

    /// Consumes `byte` when it is next (after whitespace); says whether it did.
    @inline(__always)
    public mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        if offset < end, base[offset] == byte {
            offset += 1
            return true
        }
        return false
    }

    // MARK: - Objects and arrays

    /// Reads an object, calling `body` with each key; `body` must read (or skip) the member's value.
    /// A key without escapes is handed over in place (no copy); the key is valid during the call only.
    public mutating func readObject(_ body: (inout JSONPullReader, JSONPullKey) throws(JSONReadError) -> Void) throws(JSONReadError) {
        try expect(UInt8(ascii: "{"))
        guard depth < JSONParser.maximumDepth else {
            offset -= 1
            throw tooDeep()
        }
        depth += 1
        defer { depth -= 1 }
        if consume(UInt8(ascii: "}")) { return }
        while true {
            skipWhitespace()
            guard offset < end, base[offset] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
            let open = offset
            let stop = try scanned { () throws(JSONScanError) in try JSONScan.plainRunEnd(base, end, from: open + 1, open: open) }
            if base[stop] == UInt8(ascii: "\"") {
                let key = JSONPullKey(bytes: UnsafeBufferPointer(start: base + open + 1, count: stop - open - 1))
                offset = stop + 1
                try expect(UInt8(ascii: ":"))
                try body(&self, key)
            } else {
                var decoded = Array(UnsafeBufferPointer(start: base + open + 1, count: stop - open - 1))
                let close = try scanned { () throws(JSONScanError) in
                    try JSONScan.decodeEscaped(base, end, from: stop, open: open, into: &decoded)
                }
                offset = close + 1
                try expect(UInt8(ascii: ":"))
                try decoded.withUnsafeBufferPointer { (buffer) throws(JSONReadError) in
                    try body(&self, JSONPullKey(bytes: buffer))
                }
            }
            if consume(UInt8(ascii: ",")) { continue }
            if consume(UInt8(ascii: "}")) { return }
            throw fail(isAtEnd ? "unexpected end of input inside object" : "expected ',' or '}' after object member")
        }
    }

    /// Reads an array, calling `body` for each element (at its first byte); `body` must read (or
    /// skip) the element.
    public mutating func readArray(_ body: (inout JSONPullReader) throws(JSONReadError) -> Void) throws(JSONReadError) {
        try expect(UInt8(ascii: "["))
        guard depth < JSONParser.maximumDepth else {
            offset -= 1
            throw tooDeep()
        }
        depth += 1
        defer { depth -= 1 }
        if consume(UInt8(ascii: "]")) { return }
        while true {
            skipWhitespace()
            try body(&self)
            if consume(UInt8(ascii: ",")) { continue }
            if consume(UInt8(ascii: "]")) { return }
            throw fail(isAtEnd ? "unexpected end of input inside array" : "expected ',' or ']' after array element")
        }
    }

    // MARK: - Strings

    /// Runs shared scanning code, turning its failure into a `JSONReadError`.
    @inline(__always)
    private func scanned<T>(_ work: () throws(JSONScanError) -> T) throws(JSONReadError) -> T {
        do {
            return try work()
        } catch {
            throw Self.readError(error)
        }
    }

    @inline(never)
    static func readError(_ failure: JSONScanError) -> JSONReadError {
        let message: String
        var code = "invalid-json"
        switch failure.kind {
        case .unterminatedString: message = "unterminated string"
        case .controlCharacter: message = "control character in string"
        case .invalidEscape: message = "invalid escape"
        case .invalidUnicodeEscape: message = "invalid \\u escape"
        case .loneHighSurrogate, .loneLowSurrogate: message = "lone surrogate in string"
        case .invalidUTF8:
            code = "invalid-utf8"
            message = "invalid UTF-8 in string"
        case .digitAfterMinus: message = "expected a digit"
        case .leadingZero: message = "leading zero in number"
        case .digitAfterPoint: message = "expected a digit after '.'"
        case .digitInExponent: message = "expected a digit in the exponent"
        }
        return JSONReadError(code: code, message: message, offset: failure.offset)
    }

    /// Reads a string and returns its bytes with escapes resolved (exact: `\u0000` gives a zero byte).
    public mutating func readStringBytes() throws(JSONReadError) -> [UInt8] {
        skipWhitespace()
        guard offset < end, base[offset] == UInt8(ascii: "\"") else { throw fail("expected a string") }
        let open = offset
        let start = open + 1
        let stop = try scanned { () throws(JSONScanError) in try JSONScan.plainRunEnd(base, end, from: start, open: open) }
        var bytes = Array(UnsafeBufferPointer(start: base + start, count: stop - start))
        if base[stop] == UInt8(ascii: "\"") {
            offset = stop + 1
            return bytes
        }
        let close = try scanned { () throws(JSONScanError) in
            try JSONScan.decodeEscaped(base, end, from: stop, open: open, into: &bytes)
        }
        offset = close + 1
        return bytes
    }

    /// Reads a string.
    public mutating func readString() throws(JSONReadError) -> String {
        skipWhitespace()
        guard offset < end, base[offset] == UInt8(ascii: "\"") else { throw fail("expected a string") }
        let open = offset
        let start = open + 1
        let stop = try scanned { () throws(JSONScanError) in try JSONScan.plainRunEnd(base, end, from: start, open: open) }
        if base[stop] == UInt8(ascii: "\"") {
            offset = stop + 1
            return String(decoding: UnsafeBufferPointer(start: base + start, count: stop - start), as: UTF8.self)
        }
        return String(decoding: try readStringBytes(), as: UTF8.self)
    }

    /// Steps over a string, checking it as strictly as reading it would.
    public mutating func skipString() throws(JSONReadError) {
        skipWhitespace()
        guard offset < end, base[offset] == UInt8(ascii: "\"") else { throw fail("expected a string") }
        let open = offset
        offset = try scanned { () throws(JSONScanError) in try JSONScan.stringEnd(base, end, open: open) }
    }

    // MARK: - Numbers and literals

    /// Steps over a number (checked against the JSON grammar) and returns where it starts.
    private mutating func scanNumber() throws(JSONReadError) -> Int {
        skipWhitespace()
        let start = offset
        guard start < end, base[start] == UInt8(ascii: "-") || base[start] &- 0x30 < 10 else {
            throw fail(isAtEnd ? "unexpected end of input, expected a number" : "expected a number")
        }
        offset = try scanned { () throws(JSONScanError) in try JSONScan.numberEnd(base, end, at: start) }
        return start
    }

    /// Reads a number and returns its literal text, checked against the JSON grammar.
    public mutating func readNumberLiteral() throws(JSONReadError) -> String {
        let start = try scanNumber()
        return String(decoding: UnsafeBufferPointer(start: base + start, count: offset - start), as: UTF8.self)
    }

    /// Reads an integer (a number without fraction or exponent) that fits in 64 bits.
    public mutating func readInt() throws(JSONReadError) -> Int64 {
        let start = try scanNumber()
        var k = start
        let negative = base[k] == UInt8(ascii: "-")
        if negative { k += 1 }
        var value: Int64 = 0
        while k < offset {
            let digit = base[k] &- 0x30
            guard digit < 10 else {
                offset = start
                throw fail("expected an integer")
            }
            let (multiplied, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = negative
                ? multiplied.subtractingReportingOverflow(Int64(digit))
                : multiplied.addingReportingOverflow(Int64(digit))
            if overflow1 || overflow2 {
                offset = start
                throw fail("integer out of range")
            }
            value = added
            k += 1
        }
        return value
    }

    /// Reads a number as a `Double`.
    public mutating func readDouble() throws(JSONReadError) -> Double {
        let literal = try readNumberLiteral()
        guard let value = Double(literal) else { throw fail("invalid number") }
        return value
    }

    /// Reads `true` or `false`.
    public mutating func readBool() throws(JSONReadError) -> Bool {
        if consumeWord("true") { return true }
        if consumeWord("false") { return false }
        throw fail("expected true or false")
    }

    /// Consumes `null` when it is next; says whether it did.
    public mutating func consumeNull() -> Bool { consumeWord("null") }

    private mutating func consumeWord(_ word: StaticString) -> Bool {
        skipWhitespace()
        let count = word.utf8CodeUnitCount
        guard offset + count <= end else { return false }
        let pointer = word.utf8Start
        for k in 0..<count where base[offset + k] != pointer[k] { return false }
        offset += count
        return true
    }

    // MARK: - Whole values

    /// Reads any value into an order-preserving `JSONValue`, with `JSONParser`'s own iterative
    /// code (duplicate-key warnings are dropped).
    public mutating func readValue() throws(JSONReadError) -> JSONValue {
        skipWhitespace()
        guard offset < end else { throw fail("unexpected end of input, expected a value") }
        var core = JSONParserCore(bytes: base + offset, count: end - offset)
        core.depthLimit = JSONParser.maximumDepth - depth
        do {
            let value = try core.parseLeadingValue()
            offset += core.i
            return value
        } catch {
            throw JSONReadError(code: error.code, message: error.message, offset: offset + error.position.offset)
        }
    }

    /// Steps over any value without building it, checking it as strictly as `readValue` would.
    /// Iterative: a bit per open container says whether it is an object or an array.
    public mutating func skipValue() throws(JSONReadError) {
        var open = 0
        var kinds = ContainerKinds()
        nextValue: while true {
            skipWhitespace()
            guard offset < end else { throw fail("unexpected end of input, expected a value") }
            switch base[offset] {
            case UInt8(ascii: "{"):
                guard depth + open < JSONParser.maximumDepth else { throw tooDeep() }
                offset += 1
                if !consume(UInt8(ascii: "}")) {
                    kinds.set(open, isObject: true)
                    open += 1
                    try skipKeyAndColon()
                    continue nextValue
                }
            case UInt8(ascii: "["):
                guard depth + open < JSONParser.maximumDepth else { throw tooDeep() }
                offset += 1
                if !consume(UInt8(ascii: "]")) {
                    kinds.set(open, isObject: false)
                    open += 1
                    continue nextValue
                }
            case UInt8(ascii: "\""):
                try skipString()
            case UInt8(ascii: "t"):
                guard consumeWord("true") else { throw fail("invalid literal") }
            case UInt8(ascii: "f"):
                guard consumeWord("false") else { throw fail("invalid literal") }
            case UInt8(ascii: "n"):
                guard consumeWord("null") else { throw fail("invalid literal") }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                _ = try scanNumber()
            default:
                throw fail("expected a value")
            }
            // A value is complete: go on in its container, closing containers as they end.
            while open > 0 {
                let isObject = kinds.isObject(open - 1)
                if consume(UInt8(ascii: ",")) {
                    if isObject { try skipKeyAndColon() }
                    continue nextValue
                }
                if consume(isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    open -= 1
                    continue
                }
                if isAtEnd { throw fail("unexpected end of input inside \(isObject ? "object" : "array")") }
                throw fail(isObject ? "expected ',' or '}' after object member" : "expected ',' or ']' after array element")
            }
            return
        }
    }

    private mutating func skipKeyAndColon() throws(JSONReadError) {
        skipWhitespace()
        guard offset < end, base[offset] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
        try skipString()
        try expect(UInt8(ascii: ":"))
    }

    /// One bit per open container of `skipValue` (set for an object): the first 64 inline, the
    /// rest (up to `JSONParser.maximumDepth`) in an array made only for such nesting.
    private struct ContainerKinds {
        var low: UInt64 = 0
        var high: [UInt64] = []

        @inline(__always)
        mutating func set(_ level: Int, isObject: Bool) {
            if level < 64 {
                let bit: UInt64 = 1 << UInt64(level)
                low = isObject ? low | bit : low & ~bit
                return
            }
            let word = (level - 64) >> 6
            while high.count <= word { high.append(0) }
            let bit: UInt64 = 1 << UInt64(level & 63)
            high[word] = isObject ? high[word] | bit : high[word] & ~bit
        }

        @inline(__always)
        func isObject(_ level: Int) -> Bool {
            if level < 64 { return low & (1 << UInt64(level)) != 0 }
            return high[(level - 64) >> 6] & (1 << UInt64(level & 63)) != 0
        }
    }

    // MARK: - Documents

    /// Reads `bytes` as one document (one value, whitespace around it) with `body`, which must
    /// read the value; fails when anything else follows it.
    public static func read<T>(_ bytes: UnsafeBufferPointer<UInt8>,
                               _ body: (inout JSONPullReader) throws(JSONReadError) -> T) throws(JSONReadError) -> T {
        var reader = JSONPullReader(bytes)
        let result = try body(&reader)
        reader.skipWhitespace()
        guard reader.isAtEnd else { throw reader.fail("unexpected text after the value") }
        return result
    }
}
