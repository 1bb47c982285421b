import Foundation
import Testing
import TrackingModel

/// `trackscope convert` run as a user would, its output checked by `trackscope validate`.
@Suite struct ConvertCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    @Test(arguments: ["v1-search.json", "legacy-brief-corrected.json"])
    func olderFixturesBecomeValidV2(_ name: String) async throws {
        let result = try await TrackscopeProcess.run(
            ["convert", "--to", "v2", Self.fixture(name), "--set", "user.consistent_anonymous_id=\"67892\""])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("\(Self.fixture(name)):1: moved properties.search_term → search_term"))
        #expect(result.standardError.contains("moved properties.user → user"))
        #expect(result.standardError.contains("→ context.event_id"))
        // Given with --set, the anonymous id is not reported missing.
        #expect(!result.standardError.contains("missing user."))
        #expect(result.standardError.contains("0 left out, 0 missing"))
        let value = try JSONParser.parseValue(result.standardOutput)
        #expect(DialectDetector.detect(value) == .v2)
        let validated = try await TrackscopeProcess.run(["validate", "-"], input: Data(result.standardOutput.utf8))
        #expect(validated.status == 0, "\(validated.standardOutput)")
        #expect(validated.standardError.hasPrefix("0 errors"))
    }

    @Test func withoutTheAnonymousIdConvertSaysWhatIsMissing() async throws {
        let result = try await TrackscopeProcess.run(["convert", "--to", "v2", Self.fixture("v1-search.json")])
        #expect(result.status == 0)
        #expect(result.standardError.contains("missing user.consistent_anonymous_id"))
        #expect(result.standardError.contains("add it with --set user.consistent_anonymous_id=VALUE"))
        #expect(result.standardError.contains("converted 1 event from v1 to v2: 6 moved, 1 renamed, 0 left out, 1 missing"))
    }

    @Test func aV2EventStaysAsItIs() async throws {
        let result = try await TrackscopeProcess.run(["convert", "--to", "v2", Self.fixture("v2-search.json")])
        #expect(result.status == 0)
        let original = try JSONParser.parseValue(Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("v2-search.json"))))
        #expect(try JSONParser.parseValue(result.standardOutput) == original)
        #expect(result.standardError.contains("0 moved, 0 renamed, 0 left out, 0 missing"))
    }

    @Test func jsonLinesStayOneEventALine() async throws {
        let lines = [#"{"event":"search","eventId":"1","properties":{"search_term":"a","value":16.00}}"#,
                     #"{"event_name":"page_view","event_id":"2","properties":{"page_type":"home"}}"#]
        let result = try await TrackscopeProcess.run(["convert", "--to", "v2", "-"], input: Data(lines.joined(separator: "\n").utf8))
        #expect(result.status == 0, "\(result.standardError)")
        let output = result.standardOutput.split(separator: "\n")
        #expect(output == [#"{"event_name":"search","search_term":"a","value":16.00,"context":{"event_id":"1"}}"#,
                           #"{"event_name":"page_view","page_type":"home","context":{"event_id":"2"}}"#])
        #expect(result.standardError.contains("<stdin>:2: moved properties.page_type → page_type"))
    }

    @Test func invalidJSONIsAnErrorWithLineAndColumn() async throws {
        let result = try await TrackscopeProcess.run(["convert", "--to", "v2", Self.fixture("legacy-brief-published.json")])
        #expect(result.status == 2)
        #expect(result.standardError.contains("\(Self.fixture("legacy-brief-published.json")):4:3: error: expected ',' or '}' after object member [invalid-json]"))
        #expect(result.standardOutput.isEmpty)
    }
}
