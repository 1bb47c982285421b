/// One change to a JSON document, as a person writes it on the command line: `--set user.id=42`
/// sets a value (creating the objects and the array element on the way), `--unset context.page`
/// removes one. Paths are written as `JSONPath` writes them (`items[0].product.id`,
/// `a["odd key"]`). `send` applies them to events, and replay transforms can too.
public enum JSONEdit: Sendable, Hashable, CustomStringConvertible {
    /// Sets the value at the path: an existing member keeps its place, a new one goes last.
    case set(JSONPath, JSONValue)
    /// Removes the member (every duplicate of it) or the array element at the path.
    case unset(JSONPath)

    /// Reads `PATH=VALUE`: the path up to the first `=` outside brackets; the value is read as
    /// JSON when it parses (`42`, `19.9`, `true`, `null`, `{"a":1}`, `"42"`), else taken as a
    /// string (`user.email=a@b.fr`).
    public init(assignment text: String) throws(JSONEditError) {
        var depth = 0
        var equals: String.Index? = nil
        for index in text.indices {
            switch text[index] {
            case "[": depth += 1
            case "]": depth = max(depth - 1, 0)
            case "=" where depth == 0:
                equals = index
            default: break
            }
            if equals != nil { break }
        }
        guard let equals else {
            throw JSONEditError("\(text) is not PATH=VALUE (no '=')")
        }
        let path = try Self.path(String(text[..<equals]))
        let valueText = String(text[text.index(after: equals)...])
        let value = (try? JSONParser.parseValue(valueText)) ?? .string(valueText)
        self = .set(path, value)
    }

    /// Reads the `PATH` of an unset.
    public init(removal text: String) throws(JSONEditError) {
        self = .unset(try Self.path(text))
    }

    private static func path(_ text: String) throws(JSONEditError) -> JSONPath {
        let trimmed = text.trimmingSpaces()
        let path = JSONPath(parsing: trimmed)
        guard !path.isRoot, !trimmed.isEmpty else {
            throw JSONEditError("'\(text)' names no field: write a path such as user.id or items[0].quantity")
        }
        return path
    }

    public var path: JSONPath {
        switch self {
        case .set(let path, _), .unset(let path): path
        }
    }

    /// `set user.id = 42`, `unset context.page`.
    public var description: String {
        switch self {
        case .set(let path, let value): "set \(path) = \(JSONPrinter.compact(value))"
        case .unset(let path): "unset \(path)"
        }
    }

    /// Applies the edit to `document`. Returns false when an unset found nothing to remove; throws
    /// when the path cannot be followed (through a string, past the end of an array).
    @discardableResult
    public func apply(to document: inout JSONValue) throws(JSONEditError) -> Bool {
        switch self {
        case .set(let path, let value):
            document = try Self.setting(value, at: path.components[...], in: document, walked: .root)
            return true
        case .unset(let path):
            let (result, removed) = Self.removing(at: path.components[...], in: document)
            document = result
            return removed
        }
    }

    private static func setting(
        _ newValue: JSONValue, at components: ArraySlice<JSONPath.Component>, in value: JSONValue?, walked: JSONPath
    ) throws(JSONEditError) -> JSONValue {
        guard let first = components.first else { return newValue }
        let rest = components.dropFirst()
        switch first {
        case .key(let key):
            var object: JSONObject
            switch value {
            case nil, .null?: object = JSONObject()
            case .object(let existing)?: object = existing
            case let other?:
                throw JSONEditError("\(walked) is \(other.typeName.withArticle), not an object: cannot set \(walked.appending(key))")
            }
            object[key] = try setting(newValue, at: rest, in: object[key], walked: walked.appending(key))
            return .object(object)
        case .index(let index):
            var elements: [JSONValue]
            switch value {
            case nil, .null?: elements = []
            case .array(let existing)?: elements = existing
            case let other?:
                throw JSONEditError("\(walked) is \(other.typeName.withArticle), not an array: cannot set \(walked.appending(index))")
            }
            let next = walked.appending(index)
            if index >= 0 && index < elements.count {
                elements[index] = try setting(newValue, at: rest, in: elements[index], walked: next)
            } else if index == elements.count {
                elements.append(try setting(newValue, at: rest, in: nil, walked: next))
            } else {
                throw JSONEditError("\(next) is past the end of \(walked) (\(elements.count) element\(elements.count == 1 ? "" : "s")): the next one is [\(elements.count)]")
            }
            return .array(elements)
        }
    }

    private static func removing(at components: ArraySlice<JSONPath.Component>, in value: JSONValue) -> (JSONValue, Bool) {
        guard let first = components.first else { return (value, false) }
        let rest = components.dropFirst()
        switch (first, value) {
        case (.key(let key), .object(var object)):
            guard let member = object[key] else { return (value, false) }
            if rest.isEmpty {
                object[key] = nil
                return (.object(object), true)
            }
            let (changed, removed) = removing(at: rest, in: member)
            if removed { object[key] = changed }
            return (.object(object), removed)
        case (.index(let index), .array(var elements)):
            guard elements.indices.contains(index) else { return (value, false) }
            if rest.isEmpty {
                elements.remove(at: index)
                return (.array(elements), true)
            }
            let (changed, removed) = removing(at: rest, in: elements[index])
            elements[index] = changed
            return (.array(elements), removed)
        default:
            return (value, false)
        }
    }
}

/// Why an edit could not be read or applied.
public struct JSONEditError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

extension String {
    fileprivate var withArticle: String {
        (first.map { "aeiou".contains($0) } ?? false) ? "an \(self)" : "a \(self)"
    }

    fileprivate func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
