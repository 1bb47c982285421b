/// Splits shell text into curl commands and reads the parts trackscope needs from them.
struct CurlCommandParser {
    struct Command {
        var method: String?
        var url: String?
        var headers: [CaptureRecord.HeaderField] = []
        var body: [UInt8]?
    }

    /// The curl commands in `text`.
    static func commands(in text: String, environment: [String: String]) -> [Command] {
        var commands: [Command] = []
        for words in logicalCommands(text, environment: environment) {
            guard let curlIndex = words.firstIndex(where: { $0.word == "curl" || $0.word.hasSuffix("/curl") }) else { continue }
            var command = Command()
            var index = curlIndex + 1
            var pipedBody = words[..<curlIndex].last { $0.isPrintfPipeBody }?.pipedBytes
            while index < words.count {
                let word = words[index].word
                func next() -> String? {
                    index += 1
                    return index < words.count ? words[index].word : nil
                }
                switch word {
                case "-X", "--request":
                    command.method = next()
                case "-H", "--header":
                    if let header = next(), let colon = header.firstIndex(of: ":") {
                        let name = String(header[..<colon]).trimmingCharacters(in: .whitespaces)
                        let value = String(header[header.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                        command.headers.append(.init(name: name, value: value))
                    }
                case "-d", "--data", "--data-raw", "--data-binary", "--data-ascii":
                    if let data = next() {
                        if data == "@-", let piped = pipedBody ?? words[index].hereDocument.map({ Array($0.utf8) }) {
                            command.body = piped
                            pipedBody = nil
                        } else {
                            command.body = (command.body.map { $0 + [UInt8(ascii: "&")] } ?? []) + Array(data.utf8)
                        }
                    }
                case "--url":
                    command.url = next()
                case "-A", "--user-agent":
                    if let agent = next() { command.headers.append(.init(name: "User-Agent", value: agent)) }
                case "-o", "--output", "-u", "--user", "-m", "--max-time", "--connect-timeout", "-w", "--write-out", "-e", "--referer":
                    _ = next()
                default:
                    if word.hasPrefix("-X"), word.count > 2 {
                        command.method = String(word.dropFirst(2))
                    } else if !word.hasPrefix("-"), command.url == nil {
                        command.url = word
                    }
                }
                index += 1
            }
            commands.append(command)
        }
        return commands
    }

    struct Word {
        var word: String
        /// For `<<'EOF'` after this word: the here-document's text.
        var hereDocument: String?
        /// For `printf '...' |`: the printf format, decoded into bytes.
        var pipedBytes: [UInt8]?
        var isPrintfPipeBody: Bool { pipedBytes != nil }
    }

    /// Splits text into commands (newlines end a command unless escaped or quoted) and words,
    /// applying shell quoting and expanding `$VAR` / `${VAR}` from `environment`.
    static func logicalCommands(_ text: String, environment: [String: String]) -> [[Word]] {
        let characters = Array(text)
        var commands: [[Word]] = []
        var words: [Word] = []
        var current = ""
        var inWord = false
        var index = 0
        var pendingHereDelimiter: String?
        var previousWasPrintf = false
        var printfArgument: String?

        func endWord() {
            if inWord {
                if previousWasPrintf, printfArgument == nil {
                    printfArgument = current
                }
                previousWasPrintf = current == "printf" && printfArgument == nil
                words.append(Word(word: current))
            }
            current = ""
            inWord = false
        }
        func endCommand() {
            endWord()
            if !words.isEmpty { commands.append(words) }
            words = []
            printfArgument = nil
            previousWasPrintf = false
        }
        func expandVariable() {
            // At characters[index] == "$".
            var name = ""
            var end = index + 1
            if end < characters.count, characters[end] == "{" {
                end += 1
                while end < characters.count, characters[end] != "}" { name.append(characters[end]); end += 1 }
                end += 1
            } else {
                while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" {
                    name.append(characters[end]); end += 1
                }
            }
            if name.isEmpty {
                current.append("$")
                index += 1
                return
            }
            current += environment[name] ?? "$\(name)"
            index = end
        }

        while index < characters.count {
            let character = characters[index]
            switch character {
            case "\\":
                if index + 1 < characters.count {
                    if characters[index + 1] == "\n" { index += 2; continue }
                    current.append(characters[index + 1]); inWord = true
                }
                index += 2
            case "'":
                inWord = true
                index += 1
                while index < characters.count, characters[index] != "'" { current.append(characters[index]); index += 1 }
                index += 1
            case "\"":
                inWord = true
                index += 1
                while index < characters.count, characters[index] != "\"" {
                    if characters[index] == "\\", index + 1 < characters.count, "\"\\$`\n".contains(characters[index + 1]) {
                        if characters[index + 1] != "\n" { current.append(characters[index + 1]) }
                        index += 2
                    } else if characters[index] == "$" {
                        expandVariable()
                    } else {
                        current.append(characters[index]); index += 1
                    }
                }
                index += 1
            case "$":
                inWord = true
                expandVariable()
            case " ", "\t":
                endWord()
                index += 1
            case "|":
                endWord()
                if let format = printfArgument, var last = words.last {
                    last.pipedBytes = printfBytes(format)
                    words[words.count - 1] = last
                }
                index += 1
            case "<" where index + 1 < characters.count && characters[index + 1] == "<":
                endWord()
                index += 2
                while index < characters.count, characters[index] == " " { index += 1 }
                var delimiter = ""
                while index < characters.count, !characters[index].isWhitespace {
                    if characters[index] != "'" && characters[index] != "\"" { delimiter.append(characters[index]) }
                    index += 1
                }
                pendingHereDelimiter = delimiter
            case "\n", ";":
                if character == "\n", let delimiter = pendingHereDelimiter {
                    // Read the here-document up to its delimiter line.
                    endWord()
                    index += 1
                    var lines: [String] = []
                    var line = ""
                    while index < characters.count {
                        if characters[index] == "\n" {
                            if line == delimiter { index += 1; break }
                            lines.append(line)
                            line = ""
                        } else {
                            line.append(characters[index])
                        }
                        index += 1
                    }
                    if index >= characters.count, line != delimiter, !line.isEmpty { lines.append(line) }
                    if let dataIndex = words.lastIndex(where: { $0.word == "@-" }) {
                        words[dataIndex].hereDocument = lines.joined(separator: "\n")
                    }
                    pendingHereDelimiter = nil
                    endCommand()
                } else {
                    endCommand()
                    index += 1
                }
            case "#" where !inWord:
                while index < characters.count, characters[index] != "\n" { index += 1 }
            default:
                current.append(character)
                inWord = true
                index += 1
            }
        }
        endCommand()
        return commands
    }

    /// The bytes `printf FORMAT` prints for the escapes trackscope writes (`\NNN` octal, `\\`, `%%`).
    static func printfBytes(_ format: String) -> [UInt8] {
        let bytes = Array(format.utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                var value = 0
                var digits = 0
                var probe = index + 1
                while digits < 3, probe < bytes.count, bytes[probe] >= 0x30, bytes[probe] <= 0x37 {
                    value = value * 8 + Int(bytes[probe] - 0x30); digits += 1; probe += 1
                }
                if digits > 0 {
                    output.append(UInt8(truncatingIfNeeded: value))
                    index = probe
                    continue
                }
                switch bytes[index + 1] {
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "\\"): output.append(0x5C)
                default: output.append(bytes[index + 1])
                }
                index += 2
            } else if bytes[index] == UInt8(ascii: "%"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "%") {
                output.append(UInt8(ascii: "%"))
                index += 2
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }
}
