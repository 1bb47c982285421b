/// A settings file trackscope refuses to start with, naming the file and the line.
public struct SettingsError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    /// 1-based; nil when the problem is the file as a whole.
    public var line: Int?
    public var message: String

    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        "settings file \(path)\(line.map { ":\($0)" } ?? ""): \(message)"
    }
}
