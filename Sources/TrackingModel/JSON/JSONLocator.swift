import Foundation

/// Finds where a JSON path is in the source text, to put line:column on findings that were made
/// on the parsed value. Re-scans the bytes, one scan per path; `offsets(of:in:keysAreUnique:)`
/// finds many paths in one walk (what the payload inspector does for every event). Tolerates a
/// byte-order mark and stops gracefully on malformed text.
public enum JSONLocator {
    /// The position of `path` in `bytes`: the member's key (its opening quote) when the path ends
    /// in an existing key, the element when it ends in an existing index, and the opening bracket
    /// of the nearest existing ancestor when the tail is missing (the value itself when the
    /// ancestor is not a container). With duplicate keys, the last member wins, as on lookup.
    /// Nil when there is no JSON value in `bytes`.
    public static func position(of path: JSONPath, in bytes: [UInt8]) -> SourcePosition? {
        bytes.withUnsafeBytes { position(of: path, in: $0) }
    }

    /// The position of `path` in `bytes` (see the array form).
    public static func position(of path: JSONPath, in bytes: UnsafeRawBufferPointer) -> SourcePosition? {
        guard let offset = offset(of: path, in: bytes) else { return nil }
        return SourcePosition.locating(offset: offset, in: bytes)
    }

    /// The byte offset of `path` in `bytes` (see `position(of:in:)`).
    ///
    /// `keysAreUnique` promises that no object in `bytes` repeats a key (the parser reported no
    /// `duplicate-key` warning): the search of an object's members then stops at the first one
    /// named, which is also the last, instead of reading the rest of the object. The offset is
    /// the same either way.
    public static func offset(of path: JSONPath, in bytes: UnsafeRawBufferPointer, keysAreUnique: Bool = false) -> Int? {
        guard let raw = bytes.baseAddress, bytes.count > 0 else { return nil }
        var scanner = JSONLocatorScanner(
            core: JSONParserCore(bytes: raw.assumingMemoryBound(to: UInt8.self), count: bytes.count),
            keysAreUnique: keysAreUnique
        )
        return scanner.locate(path)
    }
}

/// The scanning behind `JSONLocator`.
struct JSONLocatorScanner: ~Copyable {
    var core: JSONParserCore
    /// No object repeats a key: the first member named is the one wanted.
    var keysAreUnique = false

    var n: Int { core.n }

    func byte(_ k: Int) -> UInt8? { k < core.n ? core.p[k] : nil }

    mutating func skipWhitespace(_ k: inout Int) {
        core.i = k
        core.skipWhitespace()
        k = core.i
    }

    /// Where the document's value starts (after a byte-order mark and whitespace); nil when there
    /// is none.
    mutating func documentValueStart() -> Int? {
        var i = 0
        if n >= 3, core.p[0] == 0xEF, core.p[1] == 0xBB, core.p[2] == 0xBF { i = 3 }
        skipWhitespace(&i)
        return i < n ? i : nil
    }

    mutating func locate(_ path: JSONPath) -> Int? {
        guard var i = documentValueStart() else { return nil }
        for (position, component) in path.components.enumerated() {
            let isLast = position == path.components.count - 1
            switch component {
            case .key(let wanted):
                guard byte(i) == UInt8(ascii: "{") else { return i }
                guard let (keyOffset, valueOffset) = findMember(wanted, inObjectAt: i) else { return i }
                if isLast { return keyOffset }
                i = valueOffset
            case .index(let wanted):
                guard byte(i) == UInt8(ascii: "[") else { return i }
                guard let elementOffset = findElement(wanted, inArrayAt: i) else { return i }
                if isLast { return elementOffset }
                i = elementOffset
            }
        }
        return i
    }

    /// The key and value offsets of the last member named `wanted` in the object opening at `open`.
    private mutating func findMember(_ wanted: String, inObjectAt open: Int) -> (Int, Int)? {
        var wanted = wanted
        return wanted.withUTF8 { findMember(wanted: $0, inObjectAt: open) }
    }

    private mutating func findMember(wanted: UnsafeBufferPointer<UInt8>, inObjectAt open: Int) -> (Int, Int)? {
        var j = open + 1
        var found: (Int, Int)?
        skipWhitespace(&j)
        if byte(j) == UInt8(ascii: "}") { return nil }
        while byte(j) == UInt8(ascii: "\"") {
            let keyOffset = j
            guard let key = readMemberKey(&j) else { return found }
            if key.matches(wanted, in: core.p) {
                found = (keyOffset, j)
                if keysAreUnique { return found }
            }
            guard let end = skipValue(at: j) else { return found }
            j = end
            guard nextMember(&j) else { return found }
        }
        return found
    }

    /// Reads the key of the member whose opening quote is at `j`, then the `:` and the whitespace
    /// around it: `j` ends at the member's value. Nil when the text breaks off.
    mutating func readMemberKey(_ j: inout Int) -> JSONLocatorKey? {
        let key: JSONLocatorKey
        if let end = try? core.scanPlainRun(from: j + 1, open: j), core.p[end] == UInt8(ascii: "\"") {
            // No escapes (the parser's own scan, UTF-8 checked): the bytes are compared in place.
            key = JSONLocatorKey(start: j + 1, count: end - j - 1, decoded: nil)
            j = end + 1
        } else {
            core.i = j
            guard let decoded = try? core.parseString() else { return nil }
            key = JSONLocatorKey(start: j, count: 0, decoded: decoded)
            j = core.i
        }
        skipWhitespace(&j)
        guard byte(j) == UInt8(ascii: ":") else { return nil }
        j += 1
        skipWhitespace(&j)
        return key
    }

    /// After a member's value or an element: past the `,` and whitespace to the next one. False at
    /// the closing bracket or where the text breaks off.
    mutating func nextMember(_ j: inout Int) -> Bool {
        skipWhitespace(&j)
        guard byte(j) == UInt8(ascii: ",") else { return false }
        j += 1
        skipWhitespace(&j)
        return true
    }

    /// The offset of element `wanted` of the array opening at `open`.
    private mutating func findElement(_ wanted: Int, inArrayAt open: Int) -> Int? {
        guard wanted >= 0 else { return nil }
        var j = open + 1
        skipWhitespace(&j)
        guard j < n, byte(j) != UInt8(ascii: "]") else { return nil }
        var index = 0
        while true {
            if index == wanted { return j }
            guard let end = skipValue(at: j) else { return nil }
            j = end
            guard nextMember(&j) else { return nil }
            index += 1
        }
    }

    /// The offset just after the value starting at `start`, or nil if the text ends first.
    /// Nesting is followed with a counter (no recursion).
    func skipValue(at start: Int) -> Int? {
        var j = start
        var depth = 0
        while j < n {
            let c = core.p[j]
            switch c {
            case UInt8(ascii: "\""):
                j += 1
                while j < n, core.p[j] != UInt8(ascii: "\"") {
                    // Eight bytes at a time where none is a quote or a backslash.
                    if n - j >= 8 {
                        let word = ByteWord.word(at: core.p + j)
                        if ByteWord.bytes(of: word, equalTo: UInt8(ascii: "\"")) | ByteWord.bytes(of: word, equalTo: UInt8(ascii: "\\")) == 0 {
                            j += 8
                            continue
                        }
                    }
                    j += core.p[j] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard j < n else { return nil }
                j += 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                j += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return j }
                depth -= 1
                j += 1
            case UInt8(ascii: ","), 0x20, 0x0A, 0x0D, 0x09:
                if depth == 0 { return j }
                j += 1
            default:
                j += 1
            }
            if depth == 0, c == UInt8(ascii: "\"") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                return j
            }
        }
        return depth == 0 && j > start ? j : nil
    }
}

/// A member's key as the locator reads it: its bytes in the source, or its decoded text when it
/// has escapes.
struct JSONLocatorKey {
    /// Where its bytes start (after the opening quote) and how many there are, when `decoded` is nil.
    var start: Int
    var count: Int
    var decoded: String?

    /// Whether the key is `wanted` (UTF-8 bytes); `source` is the text the key was read from.
    func matches(_ wanted: UnsafeBufferPointer<UInt8>, in source: UnsafePointer<UInt8>) -> Bool {
        guard let decoded else {
            return count == wanted.count && (count == 0 || memcmp(source + start, wanted.baseAddress!, count) == 0)
        }
        return decoded.utf8.elementsEqual(wanted)
    }
}
