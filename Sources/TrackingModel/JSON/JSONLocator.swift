import Foundation

/// Finds where a JSON path is in the source text, to put line:column on findings that were made
/// on the parsed value. Re-scans the bytes (not meant for hot paths); tolerates a byte-order mark
/// and stops gracefully on malformed text.
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

    private var n: Int { core.n }

    private func byte(_ k: Int) -> UInt8? { k < core.n ? core.p[k] : nil }

    private mutating func skipWhitespace(_ k: inout Int) {
        core.i = k
        core.skipWhitespace()
        k = core.i
    }

    mutating func locate(_ path: JSONPath) -> Int? {
        var i = 0
        if n >= 3, core.p[0] == 0xEF, core.p[1] == 0xBB, core.p[2] == 0xBF { i = 3 }
        skipWhitespace(&i)
        guard i < n else { return nil }
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
            let matches: Bool
            if let end = try? core.scanPlainRun(from: j + 1, open: j), core.p[end] == UInt8(ascii: "\"") {
                // No escapes (the parser's own scan, UTF-8 checked): compare the bytes in place.
                let length = end - j - 1
                matches = length == wanted.count && (length == 0 || memcmp(core.p + j + 1, wanted.baseAddress!, length) == 0)
                j = end + 1
            } else {
                core.i = j
                guard let key = try? core.parseString() else { return found }
                matches = key.utf8.elementsEqual(wanted)
                j = core.i
            }
            skipWhitespace(&j)
            guard byte(j) == UInt8(ascii: ":") else { return found }
            j += 1
            skipWhitespace(&j)
            if matches {
                found = (keyOffset, j)
                if keysAreUnique { return found }
            }
            guard let end = skipValue(at: j) else { return found }
            j = end
            skipWhitespace(&j)
            guard byte(j) == UInt8(ascii: ",") else { return found }
            j += 1
            skipWhitespace(&j)
        }
        return found
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
            skipWhitespace(&j)
            guard byte(j) == UInt8(ascii: ",") else { return nil }
            j += 1
            skipWhitespace(&j)
            index += 1
        }
    }

    /// The offset just after the value starting at `start`, or nil if the text ends first.
    /// Nesting is followed with a counter (no recursion).
    private func skipValue(at start: Int) -> Int? {
        var j = start
        var depth = 0
        while j < n {
            let c = core.p[j]
            switch c {
            case UInt8(ascii: "\""):
                j += 1
                while j < n, core.p[j] != UInt8(ascii: "\"") {
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
