extension JSONParserCore {
    /// True when one of the eight bytes of `word` is `"`, `\`, a control character or non-ASCII.
    @inline(__always)
    static func hasSpecialByte(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let quoteFound = (quotes &- ones) & ~quotes
        let backslashFound = (backslashes &- ones) & ~backslashes
        let controlFound = (word &- ones &* 0x20) & ~word
        return ((quoteFound | backslashFound | controlFound) & highs) | (word & highs) != 0
    }

    /// From `j` inside a string, the offset of the next `"` or `\` (validating UTF-8 on the way;
    /// control characters and the end of the input are errors).
    @inline(__always)
    func scanPlainRun(from start: Int, open: Int) throws(JSONParseError) -> Int {
        var j = start
        while true {
            while j &+ 8 <= n {
                let word = UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self)
                if Self.hasSpecialByte(word) { break }
                j &+= 8
            }
            while j < n {
                let c = p[j]
                if c == 0x22 || c == 0x5C || c < 0x20 || c >= 0x80 { break }
                j &+= 1
            }
            guard j < n else { throw unterminatedString(open) }
            let c = p[j]
            if c == 0x22 || c == 0x5C { return j }
            if c >= 0x80 {
                j = try validateUTF8Sequence(at: j)
                continue
            }
            throw controlCharacter(at: j)
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

    /// The rest of a string once its first escape is found: decodes into `scratch`.
    @inline(never)
    private mutating func parseEscapedString(open: Int, start: Int, backslash: Int) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: p + start, count: backslash - start))
        var j = backslash
        while true {
            // `j` is at a backslash.
            guard j + 1 < n else { throw unterminatedString(open) }
            let escaped = p[j + 1]
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
                scratch.append(escaped)
                j += 2
            case UInt8(ascii: "b"): scratch.append(0x08); j += 2
            case UInt8(ascii: "f"): scratch.append(0x0C); j += 2
            case UInt8(ascii: "n"): scratch.append(0x0A); j += 2
            case UInt8(ascii: "r"): scratch.append(0x0D); j += 2
            case UInt8(ascii: "t"): scratch.append(0x09); j += 2
            case UInt8(ascii: "u"):
                let unit = try hexQuad(at: j, open: open)
                if unit >= 0xD800 && unit <= 0xDBFF {
                    guard j + 8 <= n, p[j + 6] == 0x5C, p[j + 7] == UInt8(ascii: "u"),
                          let low = hexQuadIfValid(at: j + 6), low >= 0xDC00, low <= 0xDFFF else {
                        throw error(
                            message: "lone surrogate \(escapeText(at: j)) (a high surrogate must be followed by a low one)",
                            at: j
                        )
                    }
                    let scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    appendUTF8(scalar)
                    j += 12
                } else if unit >= 0xDC00 && unit <= 0xDFFF {
                    throw error(
                        message: "lone surrogate \(escapeText(at: j)) (a low surrogate must follow a high one)",
                        at: j
                    )
                } else {
                    appendUTF8(unit)
                    j += 6
                }
            default:
                throw invalidEscape(at: j)
            }
            // Copy the run of plain bytes up to the next backslash or the closing quote.
            let runStart = j
            while true {
                while j + 8 <= n {
                    let word = UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self)
                    if Self.hasSpecialByte(word) { break }
                    j += 8
                }
                while j < n {
                    let c = p[j]
                    if c == 0x22 || c == 0x5C || c < 0x20 || c >= 0x80 { break }
                    j += 1
                }
                guard j < n else { throw unterminatedString(open) }
                let c = p[j]
                if c >= 0x80 {
                    j = try validateUTF8Sequence(at: j)
                    continue
                }
                if c < 0x20 { throw controlCharacter(at: j) }
                break
            }
            if j > runStart {
                scratch.append(contentsOf: UnsafeBufferPointer(start: p + runStart, count: j - runStart))
            }
            if p[j] == 0x22 {
                i = j + 1
                return String(decoding: scratch, as: UTF8.self)
            }
        }
    }

    @inline(__always)
    private func hexDigit(_ c: UInt8) -> Int {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(c - 0x30)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(c - 0x61 + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(c - 0x41 + 10)
        default: -1
        }
    }

    /// The value of `\uXXXX` at `backslash`, or nil when the four hex digits are not there.
    private func hexQuadIfValid(at backslash: Int) -> Int? {
        guard backslash + 6 <= n else { return nil }
        var value = 0
        for k in (backslash + 2)..<(backslash + 6) {
            let digit = hexDigit(p[k])
            if digit < 0 { return nil }
            value = value << 4 | digit
        }
        return value
    }

    private func hexQuad(at backslash: Int, open: Int) throws(JSONParseError) -> Int {
        if let value = hexQuadIfValid(at: backslash) { return value }
        // Say what is there instead of four hex digits.
        var k = backslash + 2
        while k < n, k < backslash + 6, hexDigit(p[k]) >= 0 { k += 1 }
        if k >= n { throw unterminatedString(open) }
        throw error(
            message: "invalid escape \(escapeText(at: backslash)) (\\u must be followed by four hex digits)",
            at: backslash
        )
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

    @inline(__always)
    private mutating func appendUTF8(_ scalar: Int) {
        if scalar < 0x80 {
            scratch.append(UInt8(scalar))
        } else if scalar < 0x800 {
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        } else if scalar < 0x10000 {
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        } else {
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Checks the multi-byte UTF-8 sequence that starts at `j` and returns the offset after it.
    @inline(__always)
    func validateUTF8Sequence(at j: Int) throws(JSONParseError) -> Int {
        let lead = p[j]
        @inline(__always) func continuation(_ k: Int) -> Bool { k < n && p[k] & 0xC0 == 0x80 }
        if lead >= 0xC2 && lead < 0xE0 {
            if continuation(j + 1) { return j + 2 }
        } else if lead >= 0xE0 && lead < 0xF0 {
            if continuation(j + 1) && continuation(j + 2) {
                let second = p[j + 1]
                if lead == 0xE0 && second < 0xA0 { throw utf8Error("overlong UTF-8 encoding starting with byte", j) }
                if lead == 0xED && second >= 0xA0 { throw utf8Error("UTF-8 encoded surrogate starting with byte", j) }
                return j + 3
            }
        } else if lead >= 0xF0 && lead < 0xF5 {
            if continuation(j + 1) && continuation(j + 2) && continuation(j + 3) {
                let second = p[j + 1]
                if lead == 0xF0 && second < 0x90 { throw utf8Error("overlong UTF-8 encoding starting with byte", j) }
                if lead == 0xF4 && second >= 0x90 { throw utf8Error("UTF-8 sequence above U+10FFFF starting with byte", j) }
                return j + 4
            }
        }
        throw invalidUTF8Lead(at: j)
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
