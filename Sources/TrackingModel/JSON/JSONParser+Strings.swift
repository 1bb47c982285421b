extension JSONParserCore {
    /// From `start` inside a string, the offset of the next `"` or `\` (validating UTF-8 on the way;
    /// control characters and the end of the input are errors).
    @inline(__always)
    func scanPlainRun(from start: Int, open: Int) throws(JSONParseError) -> Int {
        do {
            return try JSONScan.plainRunEnd(p, n, from: start, open: open)
        } catch {
            throw parseError(error)
        }
    }

    /// Parses the string whose opening quote is at `i`.
    @inline(__always)
    mutating func parseString() throws(JSONParseError) -> String {
        let open = i
        let start = i &+ 1
        let j = try scanPlainRun(from: start, open: open)
        if p[j] == 0x22 {
            i = j &+ 1
            return String(decoding: UnsafeBufferPointer(start: p + start, count: j &- start), as: UTF8.self)
        }
        return try parseEscapedString(open: open, start: start, backslash: j)
    }

    /// Parses the object key whose opening quote is at `i`, and gives a fingerprint of its bytes
    /// (0 when it has escapes). Keys of the tracking API come from a table of pre-built strings.
    @inline(__always)
    mutating func parseKey() throws(JSONParseError) -> (key: String, fingerprint: UInt64) {
        let open = i
        let start = i &+ 1
        let j = try scanPlainRun(from: start, open: open)
        if p[j] == 0x22 {
            i = j &+ 1
            let fingerprint = Self.fingerprint(p + start, count: j &- start)
            if let known = knownKeys.lookup(p + start, count: j &- start, fingerprint: fingerprint) {
                return (known, fingerprint)
            }
            return (String(decoding: UnsafeBufferPointer(start: p + start, count: j &- start), as: UTF8.self), fingerprint)
        }
        return (try parseEscapedString(open: open, start: start, backslash: j), 0)
    }

    /// A fingerprint of `count` bytes: equal bytes give equal fingerprints; never 0.
    @inline(__always)
    static func fingerprint(_ bytes: UnsafePointer<UInt8>, count: Int) -> UInt64 {
        var hash = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
        if count >= 8 {
            let first = UnsafeRawPointer(bytes).loadUnaligned(as: UInt64.self)
            let last = UnsafeRawPointer(bytes + (count &- 8)).loadUnaligned(as: UInt64.self)
            hash ^= first &* 0xFF51_AFD7_ED55_8CCD
            hash ^= (last &* 0xC4CE_B9FE_1A85_EC53) >> 7
        } else {
            var k = 0
            while k < count {
                hash = (hash << 8 | hash >> 56) ^ UInt64(bytes[k])
                k &+= 1
            }
        }
        return hash | 1
    }

    /// The fingerprint of the UTF-8 bytes of `text`.
    static func fingerprint(of text: String) -> UInt64 {
        let fingerprint = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.baseAddress.map { Self.fingerprint($0, count: bytes.count) } ?? 1
        }
        return fingerprint ?? Array(text.utf8).withUnsafeBufferPointer { bytes in
            bytes.baseAddress.map { Self.fingerprint($0, count: bytes.count) } ?? 1
        }
    }

    /// The rest of a string once its first escape is found: decodes into `scratch`.
    @inline(never)
    private mutating func parseEscapedString(open: Int, start: Int, backslash: Int) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: p + start, count: backslash - start))
        do {
            let close = try JSONScan.decodeEscaped(p, n, from: backslash, open: open, into: &scratch)
            i = close + 1
        } catch {
            throw parseError(error)
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    /// The escape at `backslash` as written (`\uD800`), printable ASCII only.
    func escapeText(at backslash: Int) -> String {
        var text = "\\"
        var k = backslash + 1
        while k < n, k < backslash + 6 {
            let c = p[k]
            guard c >= 0x21, c < 0x7F, c != 0x22, c != 0x5C else { break }
            text.unicodeScalars.append(Unicode.Scalar(c))
            k += 1
        }
        return text
    }

    /// Checks the multi-byte UTF-8 sequence that starts at `j` and returns the offset after it.
    @inline(__always)
    func validateUTF8Sequence(at j: Int) throws(JSONParseError) -> Int {
        do {
            return try JSONScan.utf8SequenceEnd(p, n, at: j)
        } catch {
            throw parseError(error)
        }
    }

    /// A failure of the shared scanning code, worded for the parser.
    @inline(never)
    func parseError(_ failure: JSONScanError) -> JSONParseError {
        let at = failure.offset
        switch failure.kind {
        case .unterminatedString:
            return unterminatedString(at)
        case .controlCharacter:
            return controlCharacter(at: at)
        case .invalidEscape:
            return invalidEscape(at: at)
        case .invalidUnicodeEscape:
            return error(message: "invalid escape \(escapeText(at: at)) (\\u must be followed by four hex digits)", at: at)
        case .loneHighSurrogate:
            return error(message: "lone surrogate \(escapeText(at: at)) (a high surrogate must be followed by a low one)", at: at)
        case .loneLowSurrogate:
            return error(message: "lone surrogate \(escapeText(at: at)) (a low surrogate must follow a high one)", at: at)
        case .invalidUTF8(.overlong):
            return utf8Error("overlong UTF-8 encoding starting with byte", at)
        case .invalidUTF8(.surrogate):
            return utf8Error("UTF-8 encoded surrogate starting with byte", at)
        case .invalidUTF8(.aboveMaximum):
            return utf8Error("UTF-8 sequence above U+10FFFF starting with byte", at)
        case .invalidUTF8(.badLead):
            return invalidUTF8Lead(at: at)
        case .digitAfterMinus:
            if at < n, p[at] == UInt8(ascii: "I"), wordAt(at) == "Infinity" {
                return error(message: "-Infinity is not allowed in JSON (numbers must be finite)", at: at - 1)
            }
            return structuralError("expected a digit after '-'", at: at)
        case .leadingZero:
            return error(message: "number has a leading zero", at: at)
        case .digitAfterPoint:
            return structuralError("expected a digit after the decimal point", at: at)
        case .digitInExponent:
            return structuralError("expected a digit in the exponent", at: at)
        }
    }

    /// The error for a sequence that fails at its lead byte or is cut short.
    @inline(never)
    private func invalidUTF8Lead(at j: Int) -> JSONParseError {
        let lead = p[j]
        switch lead {
        case 0x80...0xBF:
            return utf8Error("invalid UTF-8 byte", j, suffix: " (a continuation byte without a lead byte)")
        case 0xC0, 0xC1:
            return utf8Error("invalid UTF-8 byte", j, suffix: " (overlong encoding)")
        case 0xF5...0xFF:
            return utf8Error("invalid UTF-8 byte", j)
        default:
            return utf8Error("truncated UTF-8 sequence starting with byte", j)
        }
    }

    @inline(never)
    private func utf8Error(_ text: String, _ j: Int, suffix: String = "") -> JSONParseError {
        error(code: "invalid-utf8", message: "\(text) \(Self.hexByte(p[j]))\(suffix)", at: j)
    }

    static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x\(digits[Int(byte >> 4)])\(digits[Int(byte & 0xF)])"
    }
}
