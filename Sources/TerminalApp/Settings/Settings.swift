import CaptureLog
import Foundation

/// What a user would otherwise type every time, in force for one run: the defaults, then the
/// settings file, then the command's flags, each value with where it came from.
public struct Settings: Sendable, Hashable {
    public var host: Setting<String>
    public var port: Setting<Int>
    public var theme: Setting<String>
    /// The capture log's path; nil origin-wise means the default location.
    public var log: Setting<String>
    public var sourceKeys: [SourceKeySetting]
    public var forwardTarget: Setting<String?>
    public var forwardKeyVariable: Setting<String?>

    /// The settings with no file and no flag.
    public static let defaults = Settings(
        host: Setting("127.0.0.1", origin: .default),
        port: Setting(8080, origin: .default),
        theme: Setting("default", origin: .default),
        log: Setting(CaptureLogLocation.defaultURL(environment: [:]).path, origin: .default),
        sourceKeys: [],
        forwardTarget: Setting(nil, origin: .default),
        forwardKeyVariable: Setting(nil, origin: .default)
    )

    /// The defaults for `environment`: the log under `$XDG_STATE_HOME` when it is set, the `mono`
    /// theme under NO_COLOR.
    public static func defaults(environment: [String: String]) -> Settings {
        var settings = defaults
        let logOrigin: SettingOrigin = environment["XDG_STATE_HOME"].map { $0.hasPrefix("/") } == true ? .environment("XDG_STATE_HOME") : .default
        settings.log = Setting(CaptureLogLocation.defaultURL(environment: environment).path, origin: logOrigin)
        return settings
    }

    /// The capture log's URL.
    public var logURL: URL { URL(fileURLWithPath: log.value) }

    /// The source keys in the collector's `--source-key` form (`KEY`, `SITE=KEY`), or an error
    /// naming the setting whose environment variable is not set.
    public func sourceKeyArguments(environment: [String: String]) throws(SettingsError) -> [String] {
        var arguments: [String] = []
        for setting in sourceKeys {
            guard let argument = setting.argument(environment: environment) else {
                let name = if case .environment(let name) = setting.key { name } else { "" }
                let (path, line): (String, Int?) = if case .file(let path, let line) = setting.origin { (path, line) } else { ("", nil) }
                throw SettingsError(path: path, line: line, message: "the source key of site \(setting.site) is read from $\(name), which is not set")
            }
            arguments.append(argument)
        }
        return arguments
    }

    /// The key for `site` (its own, else the one for every site), nil when there is none.
    public func sourceKey(forSite site: String?) -> SourceKeySetting? {
        sourceKeys.first { $0.site == site } ?? sourceKeys.first { $0.site == "*" }
    }

    /// The settings with the flags a command was given (nil: not given) in force.
    public func overridden(by flags: SettingsOverrides) -> Settings {
        var settings = self
        if let host = flags.host { settings.host = Setting(host, origin: .flag("--host")) }
        if let port = flags.port { settings.port = Setting(port, origin: .flag("--port")) }
        if let theme = flags.theme { settings.theme = Setting(theme, origin: .flag("--theme")) }
        if let log = flags.log { settings.log = Setting(log, origin: .flag("--log")) }
        if let keys = flags.sourceKeys, !keys.isEmpty {
            settings.sourceKeys = keys.map { argument in
                if let equals = argument.firstIndex(of: "="), equals != argument.startIndex {
                    return SourceKeySetting(site: String(argument[..<equals]), key: .inline(String(argument[argument.index(after: equals)...])),
                                            origin: .flag("--source-key"))
                }
                return SourceKeySetting(site: "*", key: .inline(argument), origin: .flag("--source-key"))
            }
        }
        if let target = flags.forwardTarget { settings.forwardTarget = Setting(target, origin: .flag("--forward")) }
        if let variable = flags.forwardKeyVariable { settings.forwardKeyVariable = Setting(variable, origin: .flag("--forward-key-env")) }
        return settings
    }
}

/// The flags that override settings; nil for a flag not given.
public struct SettingsOverrides: Sendable, Hashable {
    public var host: String?
    public var port: Int?
    public var theme: String?
    public var log: String?
    public var sourceKeys: [String]?
    public var forwardTarget: String?
    public var forwardKeyVariable: String?

    public init(host: String? = nil, port: Int? = nil, theme: String? = nil, log: String? = nil, sourceKeys: [String]? = nil,
                forwardTarget: String? = nil, forwardKeyVariable: String? = nil) {
        self.host = host
        self.port = port
        self.theme = theme
        self.log = log
        self.sourceKeys = sourceKeys
        self.forwardTarget = forwardTarget
        self.forwardKeyVariable = forwardKeyVariable
    }
}
