/// Where `send` and `replay` deliver events: a base URL and the name of the environment variable
/// that holds the source key (keys never come from, or go to, the capture log).
public struct SendTarget: Sendable, Hashable {
    public var baseURL: String
    public var keyEnvironmentVariable: String?

    public init(baseURL: String, keyEnvironmentVariable: String? = nil) {
        self.baseURL = baseURL
        self.keyEnvironmentVariable = keyEnvironmentVariable
    }

    /// The source key read from the environment, if a variable is named and set.
    public func sourceKey(in environment: [String: String]) -> String? {
        keyEnvironmentVariable.flatMap { environment[$0] }.flatMap { $0.isEmpty ? nil : $0 }
    }
}
