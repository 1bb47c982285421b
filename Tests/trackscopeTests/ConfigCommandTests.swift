import Foundation
import Testing
import TestSupport

/// `trackscope config` and the settings file as commands see it: flags over the file over the
/// defaults, keys fingerprinted, a broken file refused with its line.
@Suite struct ConfigCommandTests {
    static func folder(with text: String, mode: Int = 0o600) throws -> (folder: URL, file: URL) {
        let folder = TestFolder.make("config")
        let file = folder.appendingPathComponent("trackscope/config.toml")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
        return (folder, file)
    }

    static func fields(_ output: String, _ name: String) -> [String]? {
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix(name + "  ") }) else { return nil }
        return line.dropFirst(name.count).split(separator: "  ", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test func printsEachSettingWithWhereItCameFrom() async throws {
        let (folder, file) = try Self.folder(with: """
        port = 9090
        theme = "light"

        [sources]
        "1234" = { key_env = "TS_TEST_KEY" }
        "*" = { key = "clear-secret-key" }
        """)
        let result = try await TrackscopeProcess.run(["config", "--host", "127.0.0.9"], environment: [
            "XDG_CONFIG_HOME": folder.path, "XDG_STATE_HOME": folder.path + "/state", "TS_TEST_KEY": "env-secret-key",
            "NO_COLOR": "",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let output = result.standardOutput
        #expect(output.hasPrefix("settings file: \(file.path)\n"))
        #expect(Self.fields(output, "host") == ["127.0.0.9", "flag --host"])
        #expect(Self.fields(output, "port") == ["9090", "file \(file.path):1"])
        #expect(Self.fields(output, "theme") == ["light", "file \(file.path):2"])
        #expect(Self.fields(output, "log") == [folder.path + "/state/trackscope/capture.jsonl", "environment XDG_STATE_HOME"])
        #expect(Self.fields(output, "forward target") == ["none", "default"])
        let siteKey = try #require(Self.fields(output, "source key, site 1234"))
        #expect(siteKey.first?.hasPrefix("$TS_TEST_KEY = sha256:") == true && siteKey.last == "file \(file.path):5")
        let everySite = try #require(Self.fields(output, "source key, every site"))
        #expect(everySite.first?.hasPrefix("sha256:") == true && everySite.last == "file \(file.path):6")
        // Keys are never printed in clear.
        #expect(!output.contains("clear-secret-key") && !output.contains("env-secret-key"))
    }

    @Test func withoutAFileTheDefaultsAreInForce() async throws {
        let folder = TestFolder.make("config")
        let result = try await TrackscopeProcess.run(["config", "--port", "7000"], environment: ["XDG_CONFIG_HOME": folder.path])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("(none: defaults in force)"))
        #expect(Self.fields(result.standardOutput, "host") == ["127.0.0.1", "default"])
        #expect(Self.fields(result.standardOutput, "port") == ["7000", "flag --port"])
    }

    @Test func noColorIsNamedBesideTheTheme() async throws {
        let folder = TestFolder.make("config")
        let result = try await TrackscopeProcess.run(["config", "--theme", "light"], environment: ["XDG_CONFIG_HOME": folder.path, "NO_COLOR": "1"])
        #expect(Self.fields(result.standardOutput, "theme") == ["light", "flag --theme (mono in force: environment NO_COLOR)"])
    }

    @Test(arguments: [["config"], ["collect", "--port", "0"], ["log", "stats"]])
    func aBrokenSettingsFileStopsTheProgramWithItsLine(arguments: [String]) async throws {
        let (folder, file) = try Self.folder(with: "port = 8080\n\ntheme = light\n")
        let result = try await TrackscopeProcess.run(arguments, environment: ["XDG_CONFIG_HOME": folder.path])
        #expect(result.status == 2)
        #expect(result.standardError.hasPrefix("trackscope: settings file \(file.path):3: "))
        #expect(result.standardOutput.isEmpty)
    }

    @Test func aKeyInClearInAFileOthersCanReadIsRefused() async throws {
        let (folder, file) = try Self.folder(with: "[sources]\n\"1\" = { key = \"clear-secret-key\" }\n", mode: 0o644)
        let result = try await TrackscopeProcess.run(["config"], environment: ["XDG_CONFIG_HOME": folder.path])
        #expect(result.status == 2)
        #expect(result.standardError.contains("\(file.path):2: sources.1.key holds a source key in clear"))
        #expect(result.standardError.contains("chmod 600"))
        #expect(!result.standardError.contains("clear-secret-key"))
    }

    @Test func theSettingsLogIsTheOneCommandsUse() async throws {
        let (folder, _) = try Self.folder(with: "log = \"\(TestFolder.make("log").path)/from-settings.jsonl\"\n")
        let result = try await TrackscopeProcess.run(["log", "stats"], environment: ["XDG_CONFIG_HOME": folder.path])
        #expect((result.standardOutput + result.standardError).contains("from-settings.jsonl"))
    }
}
