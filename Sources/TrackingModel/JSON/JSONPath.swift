/// A path to a value inside a JSON document, written `properties.user.consent_categories[0]`.
/// The empty path (the root) is written `$`.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// Parses the dotted form: `a.b[2].c`. Keys that are not plain identifiers can be quoted:
    /// `a["odd key"]`.
    public init(parsing text: String) {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            self.init(parsingASCII: text)
        } else {
            self.init(parsingCharacters: text)
        }
    }

    /// The reading by Characters (any text).
    init(parsingCharacters text: String) {
        var components: [Component] = []
        var current = ""
        var iterator = Array(text).makeIterator()
        var pending: Character? = nil
        func flush() {
            if !current.isEmpty { components.append(.key(current)) }
            current = ""
        }
        while let character = pending ?? iterator.next() {
            pending = nil
            switch character {
            case ".":
                flush()
            case "[":
                flush()
                var inside = ""
                while let next = iterator.next(), next != "]" { inside.append(next) }
                if let index = Int(inside) {
                    components.append(.index(index))
                } else {
                    components.append(.key(inside.trimmingQuotes()))
                }
            default:
                current.append(character)
            }
        }
        flush()
        if text == "$" { components = [] }
        self.components = components
    }

    /// The same reading for ASCII text, on its bytes (paths are parsed again to place findings).
    init(parsingASCII text: String) {
        var components: [Component] = []
        let bytes = text.utf8
        var index = bytes.startIndex
        var keyStart = index
        func flushKey(upTo end: String.Index) {
            if keyStart < end { components.append(.key(String(text[keyStart..<end]))) }
        }
        while index < bytes.endIndex {
            switch bytes[index] {
            case UInt8(ascii: "."):
                flushKey(upTo: index)
                index = bytes.index(after: index)
                keyStart = index
            case UInt8(ascii: "["):
                flushKey(upTo: index)
                let insideStart = bytes.index(after: index)
                var insideEnd = insideStart
                while insideEnd < bytes.endIndex, bytes[insideEnd] != UInt8(ascii: "]") { insideEnd = bytes.index(after: insideEnd) }
                let inside = text[insideStart..<insideEnd]
                if let number = Int(inside) {
                    components.append(.index(number))
                } else {
                    components.append(.key(String(inside).trimmingQuotes()))
                }
                index = insideEnd < bytes.endIndex ? bytes.index(after: insideEnd) : insideEnd
                keyStart = index
            default:
                index = bytes.index(after: index)
            }
        }
        flushKey(upTo: index)
        if text == "$" { components = [] }
        self.components = components
    }

    public init(stringLiteral value: String) {
        self.init(parsing: value)
    }

    public static let root = JSONPath()

    public func appending(_ key: String) -> JSONPath {
        appending(component: .key(key))
    }

    public func appending(_ index: Int) -> JSONPath {
        appending(component: .index(index))
    }

    public func appending(_ other: JSONPath) -> JSONPath {
        JSONPath(components + other.components)
    }

    private func appending(component: Component) -> JSONPath {
        var extended: [Component] = []
        extended.reserveCapacity(components.count + 1)
        extended.append(contentsOf: components)
        extended.append(component)
        return JSONPath(extended)
    }

    public var isRoot: Bool { components.isEmpty }

    /// The last key of the path, if it ends with a key.
    public var lastKey: String? {
        if case .key(let key) = components.last { return key }
        return nil
    }

    /// Whether `JSONPath(parsing: description)` gives this path back, known without writing it:
    /// every key is ASCII without `]`, and the path is not the lone key `$` (read as the root).
    /// Keys with other characters may read back otherwise (a `]` ends a bracketed key).
    var readsBackFromDescription: Bool {
        if components.count == 1, case .key("$") = components[0] { return false }
        // On the contiguous bytes (the generic scan of a UTF8View is several times slower).
        for case .key(var key) in components where key.withUTF8({ $0.contains { $0 >= 0x80 || $0 == UInt8(ascii: "]") } }) {
            return false
        }
        return true
    }

    public var description: String {
        if components.isEmpty { return "$" }
        if components.count == 1, case .key(let key) = components[0], key.isPlainPathKey { return key }
        // Written as UTF-8 straight into the String's storage (one allocation): a key takes at
        // most its bytes and `["` `"]`, an index at most `[`, a sign, 19 digits and `]`.
        let capacity = components.reduce(0) { total, component in
            if case .key(let key) = component { return total + key.utf8.count + 4 }
            return total + 22
        }
        return String(unsafeUninitializedCapacity: capacity) { text in
            var count = 0
            func put(_ byte: UInt8) {
                text[count] = byte
                count += 1
            }
            for component in components {
                switch component {
                case .key(let key):
                    let plain = key.isPlainPathKey
                    if plain {
                        if count > 0 { put(UInt8(ascii: ".")) }
                    } else {
                        put(UInt8(ascii: "["))
                        put(UInt8(ascii: "\""))
                    }
                    let copied = key.utf8.withContiguousStorageIfAvailable { bytes in
                        UnsafeMutableBufferPointer(rebasing: text[count...]).initialize(fromContentsOf: bytes)
                    }
                    if let copied {
                        count += copied
                    } else {
                        for byte in key.utf8 { put(byte) }
                    }
                    if !plain {
                        put(UInt8(ascii: "\""))
                        put(UInt8(ascii: "]"))
                    }
                case .index(let index):
                    put(UInt8(ascii: "["))
                    for byte in String(index).utf8 { put(byte) }
                    put(UInt8(ascii: "]"))
                }
            }
            return count
        }
    }
}

extension String {
    fileprivate var isPlainPathKey: Bool {
        // ASCII fast path (the usual key); same answer as the Character test below.
        let ascii = utf8.withContiguousStorageIfAvailable { Self.isPlainASCIIKey($0) }
            ?? Array(utf8).withUnsafeBufferPointer { Self.isPlainASCIIKey($0) }
        if let ascii { return ascii }
        return !isEmpty && allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "$" }
    }

    /// Whether `bytes` are a plain key (letters, digits, `_`, `-`, `$`); nil when they are not
    /// all ASCII (the Character test decides).
    private static func isPlainASCIIKey(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        var count = 0
        for byte in bytes {
            if byte >= 0x80 { return nil }
            let lower = byte | 0x20
            let plain = (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x5F || byte == 0x2D || byte == 0x24
            if !plain { return false }
            count += 1
        }
        return count > 0
    }

    fileprivate func trimmingQuotes() -> String {
        if count >= 2, let first, let last, first == last, first == "\"" || first == "'" {
            return String(dropFirst().dropLast())
        }
        return self
    }
}
