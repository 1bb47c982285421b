/// The byte-level pieces every JSON reader of trackscope shares: stepping through a string
/// (UTF-8 checked, escapes decoded or checked), and through a number. `JSONParser` and
/// `JSONPullReader` both call these, so they accept and refuse exactly the same strings and numbers;
/// each words the failures (`JSONScanError`) its own way.
///
/// Every function works on `count` bytes at `p`; offsets are from `p`.
enum JSONScan {
    /// True when one of the eight bytes of `word` is `"`, `\`, a control character or non-ASCII.
    @inline(__always)
    static func hasSpecialByte(_ word: UInt64) -> Bool {
        (ByteWord.bytes(of: word, equalTo: 0x22) | ByteWord.bytes(of: word, equalTo: 0x5C)
            | ByteWord.bytes(of: word, below: 0x20) | word & ByteWord.highBits) != 0
    }

    // MARK: - Strings

    /// From `start` inside the string whose opening quote is at `open`, the offset of the next `"`
    /// or `\` (UTF-8 is checked on the way; a control character or the end of the input is an error).
    @inline(__always)
    static func plainRunEnd(_ p: UnsafePointer<UInt8>, _ n: Int, from start: Int, open: Int) throws(JSONScanError) -> Int {
        var j = start
        while true {
            while j &+ 8 <= n {
                let word = ByteWord.word(at: p + j)
                if hasSpecialByte(word) { break }
                j &+= 8
            }
            while j < n {
                let c = p[j]
                if c == 0x22 || c == 0x5C || c < 0x20 || c >= 0x80 { break }
                j &+= 1
            }
            guard j < n else { throw JSONScanError(.unterminatedString, at: open) }
            let c = p[j]
            if c == 0x22 || c == 0x5C { return j }
            if c >= 0x80 {
                j = try utf8SequenceEnd(p, n, at: j)
                continue
            }
            throw JSONScanError(.controlCharacter, at: j)
        }
    }

    /// Checks the multi-byte UTF-8 sequence that starts at `j` and returns the offset after it.
    @inline(__always)
    static func utf8SequenceEnd(_ p: UnsafePointer<UInt8>, _ n: Int, at j: Int) throws(JSONScanError) -> Int {
        let lead = p[j]
        @inline(__always) func continuation(_ k: Int) -> Bool { k < n && p[k] & 0xC0 == 0x80 }
        if lead >= 0xC2 && lead < 0xE0 {
            if continuation(j + 1) { return j + 2 }
        } else if lead >= 0xE0 && lead < 0xF0 {
            if continuation(j + 1) && continuation(j + 2) {
                let second = p[j + 1]
                if lead == 0xE0 && second < 0xA0 { throw JSONScanError(.invalidUTF8(.overlong), at: j) }
                if lead == 0xED && second >= 0xA0 { throw JSONScanError(.invalidUTF8(.surrogate), at: j) }
                return j + 3
            }
        } else if lead >= 0xF0 && lead < 0xF5 {
            if continuation(j + 1) && continuation(j + 2) && continuation(j + 3) {
                let second = p[j + 1]
                if lead == 0xF0 && second < 0x90 { throw JSONScanError(.invalidUTF8(.overlong), at: j) }
                if lead == 0xF4 && second >= 0x90 { throw JSONScanError(.invalidUTF8(.aboveMaximum), at: j) }
                return j + 4
            }
        }
        throw JSONScanError(.invalidUTF8(.badLead), at: j)
    }

    /// The escape at `backslash` (inside the string opening at `open`): the Unicode scalar it
    /// stands for and the offset after it. A surrogate pair is one escape of twelve bytes.
    @inline(__always)
    static func escape(_ p: UnsafePointer<UInt8>, _ n: Int, at backslash: Int, open: Int) throws(JSONScanError) -> (scalar: Int, end: Int) {
        let j = backslash
        guard j + 1 < n else { throw JSONScanError(.unterminatedString, at: open) }
        switch p[j + 1] {
        case UInt8(ascii: "\""): return (0x22, j + 2)
        case UInt8(ascii: "\\"): return (0x5C, j + 2)
        case UInt8(ascii: "/"): return (0x2F, j + 2)
        case UInt8(ascii: "b"): return (0x08, j + 2)
        case UInt8(ascii: "f"): return (0x0C, j + 2)
        case UInt8(ascii: "n"): return (0x0A, j + 2)
        case UInt8(ascii: "r"): return (0x0D, j + 2)
        case UInt8(ascii: "t"): return (0x09, j + 2)
        case UInt8(ascii: "u"):
            guard let unit = hexQuad(p, n, at: j) else {
                // Say what is there instead of four hex digits: the end of the input, or something else.
                var k = j + 2
                while k < n, k < j + 6, hexDigit(p[k]) >= 0 { k += 1 }
                if k >= n { throw JSONScanError(.unterminatedString, at: open) }
                throw JSONScanError(.invalidUnicodeEscape, at: j)
            }
            if unit >= 0xD800 && unit <= 0xDBFF {
                guard j + 8 <= n, p[j + 6] == 0x5C, p[j + 7] == UInt8(ascii: "u"),
                      let low = hexQuad(p, n, at: j + 6), low >= 0xDC00, low <= 0xDFFF else {
                    throw JSONScanError(.loneHighSurrogate, at: j)
                }
                return (0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), j + 12)
            }
            if unit >= 0xDC00 && unit <= 0xDFFF { throw JSONScanError(.loneLowSurrogate, at: j) }
            return (unit, j + 6)
        default:
            throw JSONScanError(.invalidEscape, at: j)
        }
    }

    /// Decodes the rest of a string from its first escape at `backslash` to its closing quote,
    /// appending the decoded bytes to `output`; returns the offset of the closing quote.
    static func decodeEscaped(_ p: UnsafePointer<UInt8>, _ n: Int, from backslash: Int, open: Int,
                              into output: inout [UInt8]) throws(JSONScanError) -> Int {
        var j = backslash
        while true {
            // `j` is at a backslash.
            let (scalar, next) = try escape(p, n, at: j, open: open)
            appendUTF8(scalar, to: &output)
            let runEnd = try plainRunEnd(p, n, from: next, open: open)
            if runEnd > next {
                output.append(contentsOf: UnsafeBufferPointer(start: p + next, count: runEnd - next))
            }
            if p[runEnd] == 0x22 { return runEnd }
            j = runEnd
        }
    }

    /// Steps over the string whose opening quote is at `open`, checking it as strictly as decoding
    /// it would; returns the offset after its closing quote.
    @inline(__always)
    static func stringEnd(_ p: UnsafePointer<UInt8>, _ n: Int, open: Int) throws(JSONScanError) -> Int {
        var j = try plainRunEnd(p, n, from: open + 1, open: open)
        while p[j] != 0x22 {
            j = try plainRunEnd(p, n, from: try escape(p, n, at: j, open: open).end, open: open)
        }
        return j + 1
    }

    @inline(__always)
    static func hexDigit(_ c: UInt8) -> Int {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(c - 0x30)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(c - 0x61 + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(c - 0x41 + 10)
        default: -1
        }
    }

    /// The value of `\uXXXX` at `backslash`, or nil when the four hex digits are not there.
    static func hexQuad(_ p: UnsafePointer<UInt8>, _ n: Int, at backslash: Int) -> Int? {
        guard backslash + 6 <= n else { return nil }
        var value = 0
        for k in (backslash + 2)..<(backslash + 6) {
            let digit = hexDigit(p[k])
            if digit < 0 { return nil }
            value = value << 4 | digit
        }
        return value
    }

    /// Appends the UTF-8 encoding of `scalar`.
    @inline(__always)
    static func appendUTF8(_ scalar: Int, to output: inout [UInt8]) {
        if scalar < 0x80 {
            output.append(UInt8(scalar))
        } else if scalar < 0x800 {
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        } else if scalar < 0x10000 {
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        } else {
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    // MARK: - Numbers

    /// Steps over the number starting at `start` (a `-` or a digit, which the caller checked is
    /// there), checking it against the JSON grammar; returns the offset after it.
    @inline(__always)
    static func numberEnd(_ p: UnsafePointer<UInt8>, _ n: Int, at start: Int) throws(JSONScanError) -> Int {
        var j = start
        if p[j] == UInt8(ascii: "-") {
            j &+= 1
            guard j < n else { throw JSONScanError(.digitAfterMinus, at: j) }
        }
        let first = p[j]
        if first == UInt8(ascii: "0") {
            j &+= 1
            if j < n, p[j] &- 0x30 < 10 { throw JSONScanError(.leadingZero, at: j &- 1) }
        } else if first &- 0x31 < 9 {
            j &+= 1
            while j < n, p[j] &- 0x30 < 10 { j &+= 1 }
        } else {
            throw JSONScanError(.digitAfterMinus, at: j)
        }
        if j < n, p[j] == UInt8(ascii: ".") {
            j &+= 1
            guard j < n, p[j] &- 0x30 < 10 else { throw JSONScanError(.digitAfterPoint, at: j) }
            j &+= 1
            while j < n, p[j] &- 0x30 < 10 { j &+= 1 }
        }
        if j < n, p[j] | 0x20 == UInt8(ascii: "e") {
            j &+= 1
            if j < n, p[j] == UInt8(ascii: "+") || p[j] == UInt8(ascii: "-") { j &+= 1 }
            guard j < n, p[j] &- 0x30 < 10 else { throw JSONScanError(.digitInExponent, at: j) }
            j &+= 1
            while j < n, p[j] &- 0x30 < 10 { j &+= 1 }
        }
        return j
    }
}
