import TOMLKit

/// A TOML file's text, read once for every TOML file trackscope has (themes, settings): bounded in
/// size, parsed by TOMLKit, its keys found back on their lines for error messages.
public struct TOMLDocument {
    /// The largest file read: themes and settings are a few hundred bytes.
    public static let maximumBytes = 64 * 1024

    /// Why a text is not a TOML document, and where (1-based).
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int?
        public var column: Int?
        public var message: String

        public var description: String {
            guard let line else { return message }
            return "line \(line)\(column.map { ", column \($0)" } ?? ""): \(message)"
        }
    }

    public let text: String
    let table: TOMLTable
    /// The line of every key path written in the text.
    private let keyLines: [[String]: Int]

    /// Parses `text`: larger than `maximumBytes`, holding a NUL character, or not TOML is an error.
    public init(text: String) throws(ParseError) {
        guard text.utf8.count <= Self.maximumBytes else {
            throw ParseError(message: "the file is larger than \(Self.maximumBytes / 1024) KiB")
        }
        if let nul = text.firstIndex(of: "\0") {
            // TOMLKit reads a C string: a NUL would end the text early.
            let line = text[..<nul].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            throw ParseError(line: line, message: "a NUL character is not allowed")
        }
        if let problem = TOMLHeaderGuard.problem(in: text) {
            throw ParseError(line: problem.line, column: problem.column, message: problem.message)
        }
        self.text = text
        keyLines = TOMLKeyLines.index(of: text)
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ParseError(line: error.source.begin.line, column: error.source.begin.column, message: error.description)
        } catch {
            throw ParseError(message: "\(error)")
        }
    }

    /// The keys of the top-level table, in the order of their lines.
    public var keys: [String] { orderedKeys(table, path: []) }

    /// The value at `path` (table keys from the top).
    public func value(at path: [String]) -> Value? {
        var current: TOMLValueConvertible = table
        for key in path {
            guard let table = current.table, let next = table[key] else { return nil }
            current = next
        }
        return Value(current)
    }

    /// The keys of the table at `path`, in the order of their lines (empty when it is not a table).
    public func keys(at path: [String]) -> [String] {
        guard case .table? = value(at: path), let table = tableValue(at: path) else { return [] }
        return orderedKeys(table, path: path)
    }

    /// The line `path` is written on (its key, or the table header or inline table that holds it).
    public func line(of path: [String]) -> Int? {
        TOMLKeyLines.line(of: path, in: keyLines)
    }

    private func tableValue(at path: [String]) -> TOMLTable? {
        var current: TOMLTable = table
        for key in path {
            guard let next = current[key]?.table else { return nil }
            current = next
        }
        return current
    }

    private func orderedKeys(_ table: TOMLTable, path: [String]) -> [String] {
        table.keys.sorted { (line(of: path + [$0]) ?? .max, $0) < (line(of: path + [$1]) ?? .max, $1) }
    }

    /// A value as trackscope's files use them.
    public enum Value: Sendable, Hashable {
        case string(String)
        case integer(Int)
        case boolean(Bool)
        case table
        /// A float, an array, a date or a time: the name of its kind, for messages.
        case other(String)

        init(_ value: TOMLValueConvertible) {
            switch value.type {
            case .string: self = .string(value.string ?? "")
            case .int: self = .integer(value.int ?? 0)
            case .bool: self = .boolean(value.bool ?? false)
            case .table: self = .table
            default: self = .other(value.type.description)
            }
        }

        /// The kind of value, for messages: "a string", "an integer", ...
        public var kindDescription: String {
            switch self {
            case .string: "a string"
            case .integer: "an integer"
            case .boolean: "true or false"
            case .table: "a table"
            case .other(let kind): "a \(kind)"
            }
        }
    }
}
