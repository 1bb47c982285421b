import Foundation

/// The settings file's text read into settings: TOML (through `TOMLDocument`), every key known,
/// every value checked, every error with its line.
///
/// ```toml
/// host = "127.0.0.1"
/// port = 8080
/// theme = "light"
/// log = "~/captures/capture.jsonl"
///
/// [sources]                                   # source keys per site; "*" for every site
/// "1234" = { key_env = "TRACKSCOPE_KEY_1234" } # the variable that holds the key
/// "5678" = { key = "..." }                    # the key itself: only in an owner-only file
///
/// [forward]
/// target = "https://collect.commander1.com"
/// key_env = "TRACKSCOPE_UPSTREAM_KEY"
/// ```
public enum SettingsFile {
    static let topLevelKeys = ["host", "port", "theme", "log", "sources", "forward"]

    /// The settings `text` gives over `defaults`. `isOwnerOnly` says whether the file can be read
    /// by its owner only: a key written in clear is refused otherwise. `home` expands a leading `~/`
    /// in `log`.
    public static func parse(_ text: String, path: String, isOwnerOnly: Bool, home: String,
                             over defaults: Settings = .defaults) throws(SettingsError) -> Settings {
        let document: TOMLDocument
        do {
            document = try TOMLDocument(text: text)
        } catch {
            throw SettingsError(path: path, line: error.line, message: error.message)
        }
        func fail(_ keyPath: [String], _ message: String) -> SettingsError {
            SettingsError(path: path, line: document.line(of: keyPath), message: message)
        }
        func origin(_ keyPath: [String]) -> SettingOrigin { .file(path: path, line: document.line(of: keyPath)) }
        func string(_ keyPath: [String]) throws(SettingsError) -> String {
            guard case .string(let value)? = document.value(at: keyPath) else {
                throw fail(keyPath, "\(keyPath.joined(separator: ".")) must be a string, not \(document.value(at: keyPath)?.kindDescription ?? "nothing")")
            }
            return value
        }
        func variableName(_ keyPath: [String]) throws(SettingsError) -> String {
            let name = try string(keyPath)
            guard isVariableName(name) else {
                throw fail(keyPath, "\(keyPath.joined(separator: ".")) must name an environment variable (letters, digits and _), not \"\(name)\"")
            }
            return name
        }

        var settings = defaults
        for key in document.keys {
            switch key {
            case "host":
                let host = try string([key])
                guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "/" }) else {
                    throw fail([key], "host must be an address such as 127.0.0.1, not \"\(host)\"")
                }
                settings.host = Setting(host, origin: origin([key]))
            case "port":
                guard case .integer(let port)? = document.value(at: [key]), (0...65535).contains(port) else {
                    throw fail([key], "port must be a number from 0 to 65535")
                }
                settings.port = Setting(port, origin: origin([key]))
            case "theme":
                let theme = try string([key])
                guard !theme.isEmpty else { throw fail([key], "theme must name a theme") }
                settings.theme = Setting(theme, origin: origin([key]))
            case "log":
                let log = try string([key])
                guard !log.isEmpty else { throw fail([key], "log must be a path") }
                let expanded = log.hasPrefix("~/") ? (home as NSString).appendingPathComponent(String(log.dropFirst(2))) : log
                settings.log = Setting(expanded, origin: origin([key]))
            case "sources":
                settings.sourceKeys = try sources(document, path: path, isOwnerOnly: isOwnerOnly, fail: fail, origin: origin)
            case "forward":
                guard case .table? = document.value(at: [key]) else { throw fail([key], "forward must be a table: [forward]") }
                for field in document.keys(at: [key]) {
                    switch field {
                    case "target":
                        let target = try string([key, field])
                        guard let url = URL(string: target), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                            throw fail([key, field], "forward.target must be an http or https URL, not \"\(target)\"")
                        }
                        settings.forwardTarget = Setting(target, origin: origin([key, field]))
                    case "key_env":
                        settings.forwardKeyVariable = Setting(try variableName([key, field]), origin: origin([key, field]))
                    case "key":
                        throw fail([key, field], "forward takes key_env (the variable that holds the upstream key), not the key itself")
                    default:
                        throw fail([key, field], "unknown setting forward.\(field) (known: target, key_env)")
                    }
                }
            default:
                throw fail([key], "unknown setting \(key) (known: \(topLevelKeys.joined(separator: ", ")))")
            }
        }
        return settings
    }

    private static func sources(_ document: TOMLDocument, path: String, isOwnerOnly: Bool,
                                fail: ([String], String) -> SettingsError,
                                origin: ([String]) -> SettingOrigin) throws(SettingsError) -> [SourceKeySetting] {
        guard case .table? = document.value(at: ["sources"]) else {
            throw fail(["sources"], "sources must be a table: [sources] with one \"SITE\" = { key_env = \"VARIABLE\" } a site")
        }
        var keys: [SourceKeySetting] = []
        for site in document.keys(at: ["sources"]) {
            let sitePath = ["sources", site]
            guard case .table? = document.value(at: sitePath) else {
                throw fail(sitePath, "sources.\(site) must be a table: \"\(site)\" = { key_env = \"VARIABLE\" }")
            }
            let fields = document.keys(at: sitePath)
            guard fields.count == 1, let field = fields.first else {
                throw fail(sitePath, "sources.\(site) takes one of key_env (the variable that holds the key) or key")
            }
            let fieldPath = sitePath + [field]
            switch field {
            case "key_env":
                guard case .string(let name)? = document.value(at: fieldPath), isVariableName(name) else {
                    throw fail(fieldPath, "sources.\(site).key_env must name an environment variable (letters, digits and _)")
                }
                keys.append(SourceKeySetting(site: site, key: .environment(name), origin: origin(fieldPath)))
            case "key":
                guard case .string(let key)? = document.value(at: fieldPath), !key.isEmpty else {
                    throw fail(fieldPath, "sources.\(site).key must be a string")
                }
                guard isOwnerOnly else {
                    throw fail(fieldPath, "sources.\(site).key holds a source key in clear, but others can read this file: make it owner-only (chmod 600 \(path)) or use key_env")
                }
                keys.append(SourceKeySetting(site: site, key: .inline(key), origin: origin(fieldPath)))
            default:
                throw fail(fieldPath, "unknown setting sources.\(site).\(field) (known: key_env, key)")
            }
        }
        return keys
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}
