import CaptureLog

/// A command of the command line (`:`): what it says, read from the text typed, and the
/// completions of a partly typed one.
public enum ColonCommand: Sendable, Hashable {
    /// Select (and on a record, open) the record with this sequence number.
    case goto(UInt64)
    /// Use the theme of this name (built in, or a file in the user's themes folder).
    case theme(String)
    /// Write the records the filter selects (every record without one) to a file.
    case export(CaptureExportWriter.Format, path: String)
    /// Follow new records again.
    case follow
    /// Clear the filter.
    case clear
    /// Show the help.
    case help

    /// The command names, with what each takes: for completion, the help and errors.
    public static let usages: [(name: String, usage: String)] = [
        ("goto", "goto SEQ"),
        ("theme", "theme NAME"),
        ("export", "export curl|har|events FILE"),
        ("follow", "follow"),
        ("clear", "clear"),
        ("help", "help"),
    ]

    /// Why a command line cannot run, in words for the status line.
    public struct ParseError: Error, Sendable, Hashable {
        public var message: String
    }

    /// Reads a command line (without its `:`).
    public static func parse(_ text: String) throws(ParseError) -> ColonCommand {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let name = words.first else { throw ParseError(message: "type a command: \(allUsages)") }
        let arguments = Array(words.dropFirst())
        func usage() -> String { "usage: :" + (usages.first { $0.name == name }?.usage ?? name) }
        func noArguments(_ command: ColonCommand) throws(ParseError) -> ColonCommand {
            guard arguments.isEmpty else { throw ParseError(message: ":\(name) takes no argument (\(usage()))") }
            return command
        }
        switch name {
        case "goto":
            guard arguments.count == 1 else { throw ParseError(message: usage()) }
            let argument = arguments[0].hasPrefix("#") ? String(arguments[0].dropFirst()) : arguments[0]
            guard let sequence = UInt64(argument), sequence > 0 else {
                throw ParseError(message: "goto needs a record's sequence number (1, 2, ...), not '\(arguments[0])'")
            }
            return .goto(sequence)
        case "theme":
            guard arguments.count == 1 else { throw ParseError(message: usage()) }
            return .theme(arguments[0])
        case "export":
            guard let formatName = arguments.first else { throw ParseError(message: usage()) }
            guard let format = CaptureExportWriter.Format(rawValue: formatName) else {
                throw ParseError(message: "unknown export format '\(formatName)' (expected curl, har or events)")
            }
            // The file is the rest of the line as typed, spaces included.
            let afterFormat = text.drop { $0.isWhitespace }.dropFirst(name.count).drop { $0.isWhitespace }.dropFirst(formatName.count)
            let path = String(afterFormat).trimmingSpaces
            guard !path.isEmpty else { throw ParseError(message: "export \(formatName) needs a file: \(usage())") }
            return .export(format, path: path)
        case "follow": return try noArguments(.follow)
        case "clear": return try noArguments(.clear)
        case "help": return try noArguments(.help)
        default:
            throw ParseError(message: "unknown command '\(name)' (commands: \(usages.map(\.name).joined(separator: ", ")))")
        }
    }

    private static var allUsages: String { usages.map(\.usage).joined(separator: ", ") }

    /// The whole lines `text` can complete to, sorted: command names for the first word, export
    /// formats and `themes` for the second. A completed word ends with a space when more may follow.
    public static func completions(of text: String, themes: [String]) -> [String] {
        let endsWithSpace = text.last?.isWhitespace ?? false
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        if words.isEmpty || (words.count == 1 && !endsWithSpace) {
            let prefix = words.first ?? ""
            return usages.map(\.name).filter { $0.hasPrefix(prefix) }.sorted().map { name in
                usages.first { $0.name == name }?.usage == name ? name : name + " "
            }
        }
        guard words.count == 1 || (words.count == 2 && !endsWithSpace) else { return [] }
        let prefix = words.count == 2 ? words[1] : ""
        let candidates: [String]
        switch words[0] {
        case "export": candidates = CaptureExportWriter.Format.allCases.map { $0.rawValue + " " }
        case "theme": candidates = themes
        default: return []
        }
        return candidates.filter { $0.hasPrefix(prefix) }.sorted().map { words[0] + " " + $0 }
    }
}
