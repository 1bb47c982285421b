import TrackingModel

/// Case-insensitive (ASCII) substring search over raw bytes, eight bytes at a time: the byte
/// pre-check that lets a filter skip records without decoding them.
enum FoldedSearch {
    @inline(__always)
    static func foldASCII(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    /// The first position at or after `from` where `needle` (lowercase ASCII) occurs in
    /// `haystack[..<end]`, ignoring ASCII case; nil when it does not.
    static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafePointer<UInt8>, from: Int, end: Int) -> Int? {
        let length = needle.count
        guard length > 0 else { return from }
        guard end - from >= length else { return nil }
        let last = end - length
        if length == 1 {
            var index = from
            while index <= last {
                if foldASCII(haystack[index]) == needle[0] { return index }
                index += 1
            }
            return nil
        }
        let fold: UInt64 = 0x2020_2020_2020_2020
        @inline(__always) func matchesAt(_ position: Int) -> Bool {
            var k = 0
            while k < length {
                if foldASCII(haystack[position + k]) != needle[k] { return false }
                k += 1
            }
            return true
        }
        var index = from
        // Words at index and index+1 must both fit before `end`.
        while index + 9 <= end {
            let word0 = ByteWord.word(at: haystack + index) | fold
            let word1 = ByteWord.word(at: haystack + index + 1) | fold
            var mask = ByteWord.bytes(of: word0, equalTo: needle[0] | 0x20) & ByteWord.bytes(of: word1, equalTo: needle[1] | 0x20)
            while mask != 0 {
                let position = index + ByteWord.firstByte(mask)
                if position > last { return nil }
                if matchesAt(position) { return position }
                mask &= mask &- 1
            }
            index += 8
        }
        while index <= last {
            if matchesAt(index) { return index }
            index += 1
        }
        return nil
    }

    static func contains(_ needle: [UInt8], in line: UnsafePointer<UInt8>, from: Int, end: Int) -> Bool {
        needle.withUnsafeBufferPointer { find($0, in: line, from: from, end: end) != nil }
    }
}
