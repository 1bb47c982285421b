import Foundation
import TerminalUI

/// Finds a theme by name: a file path, a file in the user's themes folder, or a built-in theme.
/// A theme that cannot be read is not fatal: the default theme is used, with a warning that names
/// the file and the line.
public enum ThemeLoader {
    /// The theme to use and, when the one asked for could not be used, why.
    public struct Outcome: Sendable {
        public var theme: Theme
        public var warning: String?
    }

    /// The user's themes folder: `$XDG_CONFIG_HOME/trackscope/themes`, else `~/.config/trackscope/themes`.
    public static func userFolder(environment: [String: String]) -> URL {
        SettingsLocation.configurationFolder(environment: environment).appendingPathComponent("themes", isDirectory: true)
    }

    /// The names `:theme` completes: the built-in themes and the user's theme files.
    public static func names(environment: [String: String]) -> [String] {
        let folder = userFolder(environment: environment)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let userNames = files.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }
        return Set(Theme.builtIn.keys).union(userNames).sorted()
    }

    /// The theme called `name` (or at the path `name`), NO_COLOR honoured; the default theme and a
    /// warning when it cannot be read or is not found.
    public static func load(_ name: String, environment: [String: String]) -> Outcome {
        do {
            return Outcome(theme: Theme.choose(requested: try theme(named: name, environment: environment), environment: environment))
        } catch {
            return Outcome(theme: Theme.choose(requested: .default, environment: environment),
                           warning: "\(error); using the default theme")
        }
    }

    /// The theme called `name`, or an error naming the file and line.
    public static func theme(named name: String, environment: [String: String]) throws(ThemeLoadError) -> Theme {
        if name.contains("/") || name.hasSuffix(".toml") {
            let url = URL(fileURLWithPath: name)
            return try read(url, fallbackName: url.deletingPathExtension().lastPathComponent)
        }
        let folder = userFolder(environment: environment)
        let candidate = folder.appendingPathComponent(name + ".toml")
        if FileManager.default.fileExists(atPath: candidate.path) {
            return try read(candidate, fallbackName: name)
        }
        if let theme = Theme.builtIn[name] { return theme }
        throw .unknown(name: name, folder: folder.path)
    }

    private static func read(_ url: URL, fallbackName: String) throws(ThemeLoadError) -> Theme {
        let text: String
        do {
            text = try BoundedTextFile.read(url, maximumBytes: TOMLDocument.maximumBytes)
        } catch {
            throw .unreadable(path: url.path, reason: error.description)
        }
        do {
            return try ThemeFileReader.parse(text, fallbackName: fallbackName)
        } catch {
            throw .unreadable(path: url.path, reason: error.description)
        }
    }
}

/// Why a theme could not be used.
public enum ThemeLoadError: Error, Sendable, CustomStringConvertible {
    case unknown(name: String, folder: String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unknown(let name, let folder):
            "no theme named \(name) (built in: \(Theme.builtIn.keys.sorted().joined(separator: ", ")); user themes: \(folder)/NAME.toml)"
        case .unreadable(let path, let reason):
            "theme \(path): \(reason)"
        }
    }
}
