import Foundation
import TerminalUI

/// Finds a theme by name: a file path, a file in the user's themes folder, or a built-in theme.
enum UIThemeLoader {
    enum LoadError: Error, CustomStringConvertible {
        case unknown(name: String, folder: String)
        case unreadable(path: String, reason: String)

        var description: String {
            switch self {
            case .unknown(let name, let folder):
                "no theme named \(name) (built in: \(Theme.builtIn.keys.sorted().joined(separator: ", ")); user themes: \(folder)/NAME.toml)"
            case .unreadable(let path, let reason):
                "theme \(path): \(reason)"
            }
        }
    }

    /// The user's themes folder: `$XDG_CONFIG_HOME/trackscope/themes`, else `~/.config/trackscope/themes`.
    static func userFolder(environment: [String: String]) -> URL {
        let base: URL
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            base = URL(fileURLWithPath: xdg, isDirectory: true)
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            base = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".config", isDirectory: true)
        }
        return base.appendingPathComponent("trackscope/themes", isDirectory: true)
    }

    /// The names `:theme` completes: the built-in themes and the user's theme files.
    static func names(environment: [String: String]) -> [String] {
        let folder = userFolder(environment: environment)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let userNames = files.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }
        return Set(Theme.builtIn.keys).union(userNames).sorted()
    }

    static func load(_ name: String, environment: [String: String]) throws -> Theme {
        if name.contains("/") || name.hasSuffix(".toml") {
            return try read(URL(fileURLWithPath: name), fallbackName: URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent)
        }
        let folder = userFolder(environment: environment)
        let candidate = folder.appendingPathComponent(name + ".toml")
        if FileManager.default.fileExists(atPath: candidate.path) {
            return try read(candidate, fallbackName: name)
        }
        if let theme = Theme.builtIn[name] { return theme }
        throw LoadError.unknown(name: name, folder: folder.path)
    }

    private static func read(_ url: URL, fallbackName: String) throws -> Theme {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw LoadError.unreadable(path: url.path, reason: "cannot read the file")
        }
        do {
            return try ThemeFile.parse(text, fallbackName: fallbackName)
        } catch {
            throw LoadError.unreadable(path: url.path, reason: error.description)
        }
    }
}
