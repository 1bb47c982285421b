import Foundation
import TerminalApp

/// The settings file of this run, read once. A broken settings file stops the program before it
/// does anything, with a message that names the file and the line.
enum RunSettings {
    static let environment = ProcessInfo.processInfo.environment

    /// The settings before flags, and the file they came from.
    static let loaded: (settings: Settings, file: URL?) = {
        do {
            return try SettingsLoader.load(environment: environment)
        } catch {
            FileHandle.standardError.write(Data("trackscope: \(error)\n(fix it, or move it away to start with the defaults)\n".utf8))
            exit(2)
        }
    }()

    /// The settings with `flags` in force.
    static func current(_ flags: SettingsOverrides = SettingsOverrides()) -> Settings {
        loaded.settings.overridden(by: flags)
    }
}
