import Foundation
import Sender
import TerminalApp

/// Where `send` and `replay` take their source key from: the environment variable `--key-env`
/// names, else the settings file's key. Never from a plain argument.
enum SourceKeyChoice {
    /// Why the chosen key cannot be read, for the command to say after its name.
    struct Unreadable: Error {
        var message: String
    }

    /// The key in the variable `variable` names (with `target`'s rules), or when no variable is
    /// named, the key `setting` gives (nil when there is none); `describe` names the setting in
    /// a message ("for every site", "for site 42").
    static func read(variable: String?, target: String, setting: @autoclosure () -> SourceKeySetting?,
                     describe: (SourceKeySetting) -> String) throws(Unreadable) -> String? {
        guard let variable else {
            guard let setting = setting() else { return nil }
            guard let key = setting.resolvedKey(environment: RunSettings.environment) else {
                throw Unreadable(message: "the settings' source key \(describe(setting)) is read from an environment variable that is not set (\(setting.origin)).")
            }
            return key
        }
        guard let key = SendTarget(baseURL: target, keyEnvironmentVariable: variable)
            .sourceKey(in: ProcessInfo.processInfo.environment) else {
            throw Unreadable(message: "--key-env \(variable): the environment variable \(variable) is not set, or empty.")
        }
        return key
    }
}
