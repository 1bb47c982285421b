// `make bench-theme`: what reading a theme file with TOMLKit costs at start-up, against the
// hand-written `role = "style"` reader it replaced (kept below as the baseline, run in the same
// process). Prints the first read (cold) and the mean of many reads, for both.
import Foundation
import TerminalApp
import TerminalUI

let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("themes")
let text = try String(contentsOf: folder.appendingPathComponent("default.toml"), encoding: .utf8)
let repetitions = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 2000

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func measure(_ name: String, _ parse: () throws -> Theme) throws -> Double {
    var theme: Theme?
    let cold = try seconds { theme = try parse() }
    precondition(theme == Theme.default, "\(name) did not read default.toml as the default theme")
    let warm = try seconds { for _ in 0..<repetitions { theme = try parse() } } / Double(repetitions)
    print("\(name.padding(toLength: 22, withPad: " ", startingAt: 0)) first read \(String(format: "%8.1f", cold * 1e6)) µs   mean of \(repetitions) \(String(format: "%6.1f", warm * 1e6)) µs")
    return warm
}

// The baseline first, so that neither profits from the other's warm-up of String and Foundation.
let legacy = try measure("hand-written (before)") { try LegacyThemeParser.parse(text, fallbackName: "x") }
let toml = try measure("TOMLKit (now)") { try ThemeFileReader.parse(text, fallbackName: "x") }
print("ratio TOMLKit / hand-written: \(String(format: "%.1f", toml / legacy))x")

/// The reader trackscope had before TOMLKit (ThemeFile.parse until this change), for comparison.
enum LegacyThemeParser {
    struct Failure: Error {}

    static func parse(_ text: String, fallbackName: String) throws -> Theme {
        var name = fallbackName
        var styles: [StyleRole: TextStyle] = [:]
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = stripComment(String(rawLine)).legacyTrimmed
            if line.isEmpty { continue }
            guard let equals = line.firstIndex(of: "=") else { throw Failure() }
            let key = String(line[..<equals]).legacyTrimmed
            let rawValue = String(line[line.index(after: equals)...]).legacyTrimmed
            guard rawValue.count >= 2, rawValue.first == "\"", rawValue.last == "\"" else { throw Failure() }
            let value = String(rawValue.dropFirst().dropLast())
            if key == "name" {
                name = value
                continue
            }
            guard let role = StyleRole(rawValue: key), styles[role] == nil, let style = TextStyle(description: value) else { throw Failure() }
            styles[role] = style
        }
        guard StyleRole.allCases.allSatisfy({ styles[$0] != nil }) else { throw Failure() }
        return Theme(name: name, styles: styles)
    }

    private static func stripComment(_ line: String) -> String {
        var inString = false
        for index in line.indices {
            switch line[index] {
            case "\"": inString.toggle()
            case "#" where !inString: return String(line[..<index])
            default: break
            }
        }
        return line
    }
}

extension String {
    /// TerminalUI's `trimmingSpaces`, which the old reader used.
    var legacyTrimmed: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
