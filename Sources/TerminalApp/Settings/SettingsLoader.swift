import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the settings file of the environment (`$XDG_CONFIG_HOME/trackscope/config.toml`) over
/// the defaults. No file: the defaults. A file that cannot be read or has an error: an error that
/// names the file and the line, and the program does not start.
public enum SettingsLoader {
    /// The settings in force before flags, and the file they were read from (nil when there is none).
    public static func load(environment: [String: String]) throws(SettingsError) -> (settings: Settings, file: URL?) {
        let url = SettingsLocation.settingsFile(environment: environment)
        let defaults = Settings.defaults(environment: environment)
        guard FileManager.default.fileExists(atPath: url.path) else { return (defaults, nil) }
        let text: String
        do {
            text = try BoundedTextFile.read(url, maximumBytes: TOMLDocument.maximumBytes)
        } catch {
            throw SettingsError(path: url.path, line: nil, message: error.description)
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let settings = try SettingsFile.parse(text, path: url.path, isOwnerOnly: isOwnerOnly(url), home: home, over: defaults)
        return (settings, url)
    }

    /// True when neither the file's group nor others may read or write it (mode 600 or 400).
    public static func isOwnerOnly(_ url: URL) -> Bool {
        var status = stat()
        guard stat(url.path, &status) == 0 else { return false }
        return status.st_mode & 0o077 == 0
    }
}
