/// Where a setting in force came from, for `trackscope config`.
public enum SettingOrigin: Sendable, Hashable, CustomStringConvertible {
    case `default`
    /// The settings file, and the line of the setting in it.
    case file(path: String, line: Int?)
    /// A command-line option, such as `--port`.
    case flag(String)
    /// An environment variable, such as `NO_COLOR` or `XDG_STATE_HOME`.
    case environment(String)

    public var description: String {
        switch self {
        case .default: "default"
        case .file(let path, let line): "file \(path)\(line.map { ":\($0)" } ?? "")"
        case .flag(let name): "flag \(name)"
        case .environment(let name): "environment \(name)"
        }
    }
}

/// A value in force and where it came from.
public struct Setting<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var origin: SettingOrigin

    public init(_ value: Value, origin: SettingOrigin) {
        self.value = value
        self.origin = origin
    }
}
