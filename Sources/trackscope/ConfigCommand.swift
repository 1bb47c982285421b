import ArgumentParser
import CaptureLog
import Foundation
import TerminalApp
import TrackingModel

/// `trackscope config`: the settings in force and where each came from.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the settings in force and where each came from (default, file:LINE, flag, environment).",
        discussion: """
        Settings are read from $XDG_CONFIG_HOME/trackscope/config.toml (default ~/.config/trackscope/config.toml); \
        the flags of a command override them. Give the same flags here to see what a command would use. \
        Source keys are shown as fingerprints, never in clear.
        """
    )

    @Option(help: "As `ui` and `collect` take it.") var host: String?
    @Option(help: "As `ui` and `collect` take it.") var port: Int?
    @Option(help: "As `ui` takes it.") var theme: String?
    @Option(help: ArgumentHelp("As every command that uses the capture log takes it.", valueName: "path")) var log: String?

    func run() throws {
        let environment = RunSettings.environment
        let settings = RunSettings.current(SettingsOverrides(host: host, port: port, theme: theme, log: log))
        print(Self.text(settings, file: RunSettings.loaded.file, fileLocation: SettingsLocation.settingsFile(environment: environment),
                        environment: environment))
    }

    /// The report: the file read, then one line a setting: name, value, origin.
    static func text(_ settings: Settings, file: URL?, fileLocation: URL, environment: [String: String]) -> String {
        var rows: [(String, String, String)] = []
        rows.append(("host", settings.host.value, settings.host.origin.description))
        rows.append(("port", String(settings.port.value), settings.port.origin.description))
        var themeOrigin = settings.theme.origin.description
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { themeOrigin += " (mono in force: environment NO_COLOR)" }
        rows.append(("theme", settings.theme.value, themeOrigin))
        rows.append(("log", settings.log.value, settings.log.origin.description))
        if settings.sourceKeys.isEmpty {
            rows.append(("source keys", "none (keys are not checked)", "default"))
        }
        for key in settings.sourceKeys {
            let site = key.site == "*" ? "every site" : "site \(key.site)"
            let value: String
            switch key.key {
            case .inline(let secret):
                value = SecretFingerprint.fingerprint(secret)
            case .environment(let name):
                value = key.resolvedKey(environment: environment).map { "$\(name) = \(SecretFingerprint.fingerprint($0))" } ?? "$\(name) (not set)"
            }
            rows.append(("source key, \(site)", value, key.origin.description))
        }
        rows.append(("forward target", settings.forwardTarget.value ?? "none", settings.forwardTarget.origin.description))
        let variable = settings.forwardKeyVariable.value.map { name in
            "$\(name)" + (environment[name].map { $0.isEmpty ? " (empty)" : " = \(SecretFingerprint.fingerprint($0))" } ?? " (not set)")
        }
        rows.append(("forward key", variable ?? "none", settings.forwardKeyVariable.origin.description))

        let nameWidth = rows.map(\.0.count).max() ?? 0
        let valueWidth = min(48, rows.map { $0.1.count }.max() ?? 0)
        var lines = ["settings file: \(fileLocation.path)\(file == nil ? " (none: defaults in force)" : "")"]
        for (name, value, origin) in rows {
            let safeValue = TerminalSafeText.escaped(value)
            let padding = String(repeating: " ", count: max(2, valueWidth - safeValue.count + 2))
            lines.append(name.padding(toLength: nameWidth + 2, withPad: " ", startingAt: 0) + safeValue + padding + TerminalSafeText.escaped(origin))
        }
        return lines.joined(separator: "\n")
    }
}
