import Foundation

/// Where trackscope keeps what a user configures: `$XDG_CONFIG_HOME/trackscope/` (an absolute
/// path), else `~/.config/trackscope/`.
public enum SettingsLocation {
    /// The configuration folder (themes/ and config.toml live there).
    public static func configurationFolder(environment: [String: String]) -> URL {
        let base: URL
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            base = URL(fileURLWithPath: xdg, isDirectory: true)
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            base = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".config", isDirectory: true)
        }
        return base.appendingPathComponent("trackscope", isDirectory: true)
    }

    /// The settings file, `config.toml` in the configuration folder.
    public static func settingsFile(environment: [String: String]) -> URL {
        configurationFolder(environment: environment).appendingPathComponent("config.toml")
    }
}
