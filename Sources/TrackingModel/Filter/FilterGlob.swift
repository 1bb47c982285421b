/// A case-insensitive glob over text: `*` matches any run of characters (including none), `?`
/// matches exactly one character, everything else matches itself ignoring case. Compiled once,
/// matched many times over UTF-8 bytes: no regular expression, no allocation for ASCII text.
public struct FilterGlob: Sendable, Hashable, CustomStringConvertible {
    /// One piece of a pattern.
    public enum Element: Sendable, Hashable {
        case literal(Character)
        /// `?`
        case anyCharacter
        /// `*`
        case anyRun
    }

    /// 0xFF and 0xFE never occur in UTF-8, so they mark the wildcards inside the folded bytes.
    static let anyRunMarker: UInt8 = 0xFF
    static let anyCharacterMarker: UInt8 = 0xFE

    /// The pattern's elements as written.
    public let elements: [Element]
    /// Case-folded UTF-8 of the pattern, with wildcard markers.
    let folded: [UInt8]
    public let hasWildcards: Bool

    public init(elements: [Element]) {
        self.elements = elements
        var bytes: [UInt8] = []
        var literal = ""
        var wildcards = false
        func flush() {
            if !literal.isEmpty { bytes += FilterText.foldedBytes(literal) }
            literal = ""
        }
        for element in elements {
            switch element {
            case .literal(let character):
                literal.append(character)
            case .anyCharacter:
                flush()
                bytes.append(Self.anyCharacterMarker)
                wildcards = true
            case .anyRun:
                flush()
                // `**` is the same as `*`.
                if bytes.last != Self.anyRunMarker { bytes.append(Self.anyRunMarker) }
                wildcards = true
            }
        }
        flush()
        self.folded = bytes
        self.hasWildcards = wildcards
    }

    /// A pattern read from text where every `*` and `?` is a wildcard.
    public init(_ pattern: String) {
        self.init(elements: pattern.map { character in
            switch character {
            case "*": .anyRun
            case "?": .anyCharacter
            default: .literal(character)
            }
        })
    }

    /// A pattern that matches exactly `text` (ignoring case), wildcard characters included.
    public static func literal(_ text: String) -> FilterGlob {
        FilterGlob(elements: text.map { .literal($0) })
    }

    /// The pattern as it would be written in a query (`\*` for a literal star).
    public var description: String {
        var text = ""
        for element in elements {
            switch element {
            case .literal(let character):
                if character == "*" || character == "?" || character == "\\" { text.append("\\") }
                text.append(character)
            case .anyCharacter: text.append("?")
            case .anyRun: text.append("*")
            }
        }
        return text
    }

    /// The pattern's literal text without wildcards, when it has none.
    public var literalText: String? {
        guard !hasWildcards else { return nil }
        return String(elements.compactMap { element -> Character? in
            if case .literal(let character) = element { return character }
            return nil
        })
    }

    public static func == (lhs: FilterGlob, rhs: FilterGlob) -> Bool { lhs.elements == rhs.elements }
    public func hash(into hasher: inout Hasher) { hasher.combine(elements) }

    /// Whether the whole of `text` matches the pattern, ignoring case.
    public func matches(_ text: String) -> Bool {
        var text = text
        if let result = text.withUTF8({ buffer -> Bool? in
            guard FilterText.isASCII(buffer) else { return nil }
            return matches(foldedOrASCII: buffer)
        }) {
            return result
        }
        let bytes = FilterText.foldedBytes(text)
        return bytes.withUnsafeBufferPointer { matches(foldedOrASCII: $0) }
    }

    /// Matches UTF-8 bytes that are either ASCII (folded here) or already folded with
    /// `FilterText.foldedBytes`.
    func matches(foldedOrASCII text: UnsafeBufferPointer<UInt8>) -> Bool {
        folded.withUnsafeBufferPointer { pattern in
            if !hasWildcards {
                guard pattern.count == text.count else { return false }
                for index in 0..<text.count where FilterText.foldASCII(text[index]) != pattern[index] {
                    return false
                }
                return true
            }
            return Self.match(pattern: pattern, text: text)
        }
    }

    /// Iterative wildcard matching with backtracking to the last `*` (linear for the usual
    /// patterns, O(n·m) at worst). Wildcards step over whole UTF-8 sequences.
    private static func match(pattern: UnsafeBufferPointer<UInt8>, text: UnsafeBufferPointer<UInt8>) -> Bool {
        var p = 0
        var t = 0
        var starPattern = -1
        var starText = 0
        let m = pattern.count
        let n = text.count
        while t < n {
            if p < m {
                let byte = pattern[p]
                if byte == anyRunMarker {
                    starPattern = p
                    starText = t
                    p += 1
                    continue
                }
                if byte == anyCharacterMarker {
                    t = min(n, t + FilterText.scalarLength(text[t]))
                    p += 1
                    continue
                }
                if byte == FilterText.foldASCII(text[t]) {
                    p += 1
                    t += 1
                    continue
                }
            }
            guard starPattern >= 0 else { return false }
            p = starPattern + 1
            starText = min(n, starText + FilterText.scalarLength(text[starText]))
            t = starText
        }
        while p < m, pattern[p] == anyRunMarker { p += 1 }
        return p == m
    }
}

/// Case folding and searching shared by the filter language and the subjects it matches, so that
/// both sides fold text the same way.
///
/// Folding lowercases ASCII letters, and lowercases other characters only when their lowercase
/// form contains no ASCII (so the Kelvin sign stays itself instead of becoming `k`). That keeps
/// the ASCII bytes of a folded text exactly the lowercased ASCII bytes of the original, which is
/// what makes `FilterQuery.requiredLiterals` a sound byte pre-check.
public enum FilterText {
    /// `text` folded for case-insensitive matching.
    public static func lowercased(_ text: String) -> String {
        String(decoding: foldedBytes(text), as: UTF8.self)
    }

    /// The UTF-8 of `text` folded for case-insensitive matching.
    public static func foldedBytes(_ text: String) -> [UInt8] {
        var text = text
        if let ascii = text.withUTF8({ buffer -> [UInt8]? in
            guard isASCII(buffer) else { return nil }
            return [UInt8](unsafeUninitializedCapacity: buffer.count) { output, initialized in
                for index in 0..<buffer.count { output[index] = foldASCII(buffer[index]) }
                initialized = buffer.count
            }
        }) {
            return ascii
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                bytes.append(foldASCII(UInt8(scalar.value)))
                continue
            }
            let mapping = scalar.properties.lowercaseMapping
            if mapping.unicodeScalars.contains(where: \.isASCII) {
                bytes += String(scalar).utf8
            } else {
                bytes += mapping.utf8
            }
        }
        return bytes
    }

    /// Whether `needle` (folded, ASCII only) occurs in `haystack` (any UTF-8, not folded),
    /// folding ASCII letters of the haystack on the fly. Exact for ASCII needles because folding
    /// never turns a non-ASCII character into ASCII.
    public static func containsASCIINeedle(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = needle.count
        if n == 0 { return true }
        guard haystack.count >= n else { return false }
        let first = needle[0]
        let last = haystack.count - n
        var index = 0
        while index <= last {
            if foldASCII(haystack[index]) == first {
                var k = 1
                while k < n, foldASCII(haystack[index + k]) == needle[k] { k += 1 }
                if k == n { return true }
            }
            index += 1
        }
        return false
    }

    /// Whether `needle` (already folded) occurs in `haystack` (already folded).
    public static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { contains(hay, $0) }
        }
    }

    /// Whether `needle` occurs in `haystack` (bytes compared exactly).
    public static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = needle.count
        if n == 0 { return true }
        guard haystack.count >= n else { return false }
        let first = needle[0]
        var index = 0
        let last = haystack.count - n
        while index <= last {
            if haystack[index] == first {
                var k = 1
                while k < n, haystack[index + k] == needle[k] { k += 1 }
                if k == n { return true }
            }
            index += 1
        }
        return false
    }

    @inline(__always)
    static func foldASCII(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    @inline(__always)
    static func scalarLength(_ lead: UInt8) -> Int {
        if lead < 0xC0 { return 1 }
        if lead < 0xE0 { return 2 }
        if lead < 0xF0 { return 3 }
        return 4
    }

    static func isASCII(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in buffer where byte >= 0x80 { return false }
        return true
    }
}
