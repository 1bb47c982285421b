import Foundation
import Testing
import TerminalApp
import TestSupport

/// The settings file: defaults < file < flags, each value with where it came from; errors name
/// the file and the line; a key in clear only in an owner-only file.
@Suite struct SettingsTests {
    static let path = "/home/u/.config/trackscope/config.toml"

    static func parse(_ text: String, ownerOnly: Bool = true) throws(SettingsError) -> Settings {
        try SettingsFile.parse(text, path: path, isOwnerOnly: ownerOnly, home: "/home/u")
    }

    static let fullFile = """
    # my settings
    host = "127.0.0.2"
    port = 9090
    theme = "light"
    log = "~/captures/capture.jsonl"

    [sources]
    "1234" = { key_env = "KEY_1234" }
    "*" = { key = "every-site-key" }

    [forward]
    target = "https://collect.example"
    key_env = "UPSTREAM_KEY"
    """

    @Test func theFileOverridesTheDefaultsAndSaysWhere() throws {
        let settings = try Self.parse(Self.fullFile)
        #expect(settings.host == Setting("127.0.0.2", origin: .file(path: Self.path, line: 2)))
        #expect(settings.port == Setting(9090, origin: .file(path: Self.path, line: 3)))
        #expect(settings.theme == Setting("light", origin: .file(path: Self.path, line: 4)))
        #expect(settings.log == Setting("/home/u/captures/capture.jsonl", origin: .file(path: Self.path, line: 5)))
        #expect(settings.sourceKeys == [
            SourceKeySetting(site: "1234", key: .environment("KEY_1234"), origin: .file(path: Self.path, line: 8)),
            SourceKeySetting(site: "*", key: .inline("every-site-key"), origin: .file(path: Self.path, line: 9)),
        ])
        #expect(settings.forwardTarget == Setting("https://collect.example", origin: .file(path: Self.path, line: 12)))
        #expect(settings.forwardKeyVariable == Setting("UPSTREAM_KEY", origin: .file(path: Self.path, line: 13)))
        #expect(settings.logURL.path == "/home/u/captures/capture.jsonl")
    }

    @Test func defaultsWhereTheFileSaysNothing() throws {
        let settings = try Self.parse("port = 1\n")
        #expect(settings.host == Setting("127.0.0.1", origin: .default))
        #expect(settings.theme == Setting("default", origin: .default))
        #expect(settings.sourceKeys.isEmpty && settings.forwardTarget.value == nil)
        #expect(try Self.parse("") == Settings.defaults)
        let fromState = Settings.defaults(environment: ["XDG_STATE_HOME": "/state"])
        #expect(fromState.log == Setting("/state/trackscope/capture.jsonl", origin: .environment("XDG_STATE_HOME")))
    }

    @Test func flagsOverrideTheFile() throws {
        let settings = try Self.parse(Self.fullFile).overridden(by: SettingsOverrides(
            port: 7070, log: "/tmp/other.jsonl", sourceKeys: ["5678=k"], forwardTarget: "http://127.0.0.1:9"))
        #expect(settings.port == Setting(7070, origin: .flag("--port")))
        #expect(settings.log == Setting("/tmp/other.jsonl", origin: .flag("--log")))
        #expect(settings.host.origin == .file(path: Self.path, line: 2))
        #expect(settings.sourceKeys == [SourceKeySetting(site: "5678", key: .inline("k"), origin: .flag("--source-key"))])
        #expect(settings.forwardTarget == Setting("http://127.0.0.1:9", origin: .flag("--forward")))
        #expect(settings.forwardKeyVariable.origin == .file(path: Self.path, line: 13))
        // Flags not given change nothing.
        #expect(try Self.parse(Self.fullFile).overridden(by: SettingsOverrides(sourceKeys: [])) == (try Self.parse(Self.fullFile)))
    }

    @Test func keysComeFromTheirVariables() throws {
        let settings = try Self.parse(Self.fullFile)
        #expect(try settings.sourceKeyArguments(environment: ["KEY_1234": "s3cret"]) == ["1234=s3cret", "every-site-key"])
        #expect(settings.sourceKey(forSite: "1234")?.resolvedKey(environment: ["KEY_1234": "s3cret"]) == "s3cret")
        #expect(settings.sourceKey(forSite: "999")?.site == "*")
        #expect {
            try settings.sourceKeyArguments(environment: [:])
        } throws: { error in
            (error as? SettingsError)?.description == "settings file \(Self.path):8: the source key of site 1234 is read from $KEY_1234, which is not set"
        }
    }

    @Test func aKeyInClearNeedsAnOwnerOnlyFile() {
        #expect {
            try Self.parse(Self.fullFile, ownerOnly: false)
        } throws: { error in
            guard let error = error as? SettingsError else { return false }
            return error.line == 9 && error.message.contains("chmod 600") && !error.description.contains("every-site-key")
        }
        // A variable's name is no secret.
        #expect(throws: Never.self) { try Self.parse("[sources]\n\"1\" = { key_env = \"K\" }\n", ownerOnly: false) }
    }

    @Test(arguments: [
        ("port = 70000", 1, "port must be a number from 0 to 65535"),
        ("port = \"8080\"", 1, "port must be a number"),
        ("\n\nhots = \"x\"", 3, "unknown setting hots"),
        ("theme = 3", 1, "theme must be a string, not an integer"),
        ("host = \"a b\"", 1, "host must be an address"),
        ("[forward]\ntarget = \"ftp://x\"", 2, "forward.target must be an http or https URL"),
        ("[forward]\nkey = \"k\"", 2, "forward takes key_env"),
        ("[forward]\nkey_env = \"NOT A NAME\"", 2, "must name an environment variable"),
        ("[sources]\n\"1\" = \"k\"", 2, "sources.1 must be a table"),
        ("[sources]\n\"1\" = { key_env = \"A\", key = \"b\" }", 2, "takes one of key_env"),
        ("[sources.\"1\"]\nkey_envv = \"A\"", 2, "unknown setting sources.1.key_envv"),
        ("port = 1\nport = 2", 2, ""),
        ("port = ", 1, ""),
        ("[forward\n", 1, ""),
    ])
    func badFilesAreNamedWithTheirLine(text: String, line: Int, message: String) {
        #expect {
            try Self.parse(text)
        } throws: { error in
            guard let error = error as? SettingsError else { return false }
            return error.line == line && (message.isEmpty || error.message.contains(message))
                && error.description.hasPrefix("settings file \(Self.path):\(line): ")
        }
    }

    @Test func theLoaderReadsTheFileOfTheEnvironmentAndChecksItsMode() throws {
        let folder = TestFolder.make("settings")
        let environment = ["XDG_CONFIG_HOME": folder.path, "HOME": "/home/u"]
        // No file: the defaults.
        let none = try SettingsLoader.load(environment: environment)
        #expect(none.file == nil && none.settings.port == Setting(8080, origin: .default))

        let file = folder.appendingPathComponent("trackscope/config.toml")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Self.fullFile.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        #expect(!SettingsLoader.isOwnerOnly(file))
        #expect(throws: SettingsError.self) { try SettingsLoader.load(environment: environment) }

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        #expect(SettingsLoader.isOwnerOnly(file))
        let loaded = try SettingsLoader.load(environment: environment)
        #expect(loaded.file?.path == file.path)
        #expect(loaded.settings.port == Setting(9090, origin: .file(path: file.path, line: 3)))

        // A file that is far too large is refused, not read.
        try String(repeating: "# \n", count: 30_000).write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: SettingsError.self) { try SettingsLoader.load(environment: environment) }
    }
}
