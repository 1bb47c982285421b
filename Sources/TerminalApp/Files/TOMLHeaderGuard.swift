/// Catches, before TOMLKit sees it, a table header whose key starts with a character no key can
/// start with (`[[[`, `[ =`): the toml++ parser inside TOMLKit 0.6.0 asserts on it (an abort in a
/// debug build, undefined behaviour with NDEBUG) instead of reporting an error. Found by the
/// theme-file fuzz target.
enum TOMLHeaderGuard {
    /// The line, column (1-based) and message of the first such header, nil when there is none.
    static func problem(in text: String) -> (line: Int, column: Int, message: String)? {
        var inMultilineString: Substring?
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            // Lines inside a multi-line string are text, not headers.
            var rest = line[...]
            if let delimiter = inMultilineString {
                guard let close = rest.range(of: delimiter) else { continue }
                rest = rest[close.upperBound...]
                inMultilineString = nil
            }
            let trimmed = rest.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("[") {
                let key = trimmed.dropFirst(trimmed.hasPrefix("[[") ? 2 : 1).drop { $0 == " " || $0 == "\t" }
                if key.first.map({ $0 != "]" && !isKeyStart($0) }) ?? true {
                    let column = line.distance(from: line.startIndex, to: key.startIndex) + 1
                    let found = key.first.map { "\"\($0)\"" } ?? "the end of the line"
                    return (offset + 1, column, "expected a key in the table header, not \(found)")
                }
            }
            for delimiter in ["\"\"\"", "'''"] where rest.components(separatedBy: delimiter).count % 2 == 0 {
                inMultilineString = Substring(delimiter)
            }
        }
        return nil
    }

    private static func isKeyStart(_ character: Character) -> Bool {
        character == "\"" || character == "'" || character == "_" || character == "-"
            || (character.isASCII && (character.isLetter || character.isNumber))
    }
}
