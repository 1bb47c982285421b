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
        JSONPath(components + [.key(key)])
    }

    public func appending(_ index: Int) -> JSONPath {
        JSONPath(components + [.index(index)])
    }

    public func appending(_ other: JSONPath) -> JSONPath {
        JSONPath(components + other.components)
    }

    public var isRoot: Bool { components.isEmpty }

    /// The last key of the path, if it ends with a key.
    public var lastKey: String? {
        if case .key(let key) = components.last { return key }
        return nil
    }

    public var description: String {
        if components.isEmpty { return "$" }
        var text = ""
        for component in components {
            switch component {
            case .key(let key):
                if key.isPlainPathKey {
                    if !text.isEmpty { text += "." }
                    text += key
                } else {
                    text += "[\"\(key)\"]"
                }
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }
}

extension String {
    fileprivate var isPlainPathKey: Bool {
        // ASCII fast path (the usual key); same answer as the Character test below.
        var sawNonASCII = false
        for byte in utf8 {
            if byte >= 0x80 {
                sawNonASCII = true
                break
            }
            let lower = byte | 0x20
            let plain = (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x5F || byte == 0x2D || byte == 0x24
            if !plain { return false }
        }
        if !sawNonASCII { return !isEmpty }
        return !isEmpty && allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "$" }
    }

    fileprivate func trimmingQuotes() -> String {
        if count >= 2, let first, let last, first == last, first == "\"" || first == "'" {
            return String(dropFirst().dropLast())
        }
        return self
    }
}
