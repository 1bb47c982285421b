/// A source key for a site (or for every site, `*`), as the settings file gives it: the name of
/// the environment variable that holds it (`key_env`), or the key itself (`key`, allowed only in
/// an owner-only file). Never printed in clear: `trackscope config` shows its fingerprint.
public struct SourceKeySetting: Sendable, Hashable {
    public enum Key: Sendable, Hashable {
        case environment(String)
        case inline(String)
    }

    /// The site id, or `*` for every site.
    public var site: String
    public var key: Key
    public var origin: SettingOrigin

    public init(site: String, key: Key, origin: SettingOrigin) {
        self.site = site
        self.key = key
        self.origin = origin
    }

    /// The key itself: the file's, or the value of its environment variable (nil when unset or empty).
    public func resolvedKey(environment: [String: String]) -> String? {
        switch key {
        case .inline(let value): return value
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
    }

    /// `SITE=KEY` (or `KEY` for every site), the collector's `--source-key` form.
    public func argument(environment: [String: String]) -> String? {
        resolvedKey(environment: environment).map { site == "*" ? $0 : "\(site)=\($0)" }
    }
}
