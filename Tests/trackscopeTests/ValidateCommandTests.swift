import Foundation
import Testing

/// `trackscope validate` and `trackscope examples`, run as a user runs them.
@Suite struct ValidateCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func fixture(_ name: String) -> String {
        fixtures.appendingPathComponent(name).path
    }

    @Test func publishedBriefExampleFailsAtLineFourColumnThree() async throws {
        let path = Self.fixture("legacy-brief-published.json")
        let result = try await TrackscopeProcess.run(["validate", path])
        #expect(result.status == 1)
        let firstLine = result.standardOutput.split(separator: "\n").first.map(String.init)
        #expect(firstLine == "\(path):4:3: error: expected ',' or '}' after object member [invalid-json]")
        #expect(result.standardError.contains("1 error"))
    }

    @Test func correctedBriefExamplePassesAsLegacy() async throws {
        let result = try await TrackscopeProcess.run(["validate", Self.fixture("legacy-brief-corrected.json")])
        #expect(result.status == 0)
        #expect(!result.standardOutput.contains(": error:"))
        #expect(result.standardError.contains("0 errors"))
        #expect(result.standardError.contains("(legacy)"))
    }

    /// Findings quote the payload (a field's name, a value); an escape sequence in it is shown as
    /// `\x1B`, never sent to the terminal.
    @Test func escapeSequencesInThePayloadAreShownNotSent() async throws {
        let event = #"{"event_name":"purchase\u001b[2J","user":{"id":"1"},"Bad\u001b]0;pwned\u0007Name":1}"#
        let result = try await TrackscopeProcess.run(["validate", "-", "--verbose"], input: Data(event.utf8))
        #expect(!result.standardOutput.contains("\u{1B}"))
        #expect(!result.standardOutput.contains("\u{07}"))
        #expect(result.standardOutput.contains("\\x1B"), "\(result.standardOutput)")
    }

    @Test func readsStandardInputAndReportsJSONLinesByFileLine() async throws {
        let lines = """
            {"event_name":"search","search_term":"x","user":{"consistent_anonymous_id":"a","consent_categories":["1"]},"context":{"event_id":"1","event_timestamp":1639044446636}}
            {"event_name":"search",,}

            """
        let result = try await TrackscopeProcess.run(["validate", "-"], input: Data(lines.utf8))
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("<stdin>:2:24: error:"))
    }

    @Test func jsonFormatIsParseableAndCountsFindings() async throws {
        let result = try await TrackscopeProcess.run(["validate", "--format", "json", Self.fixture("legacy-brief-published.json")])
        #expect(result.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        let summary = try #require(object?["summary"] as? [String: Any])
        #expect(summary["errors"] as? Int == 1)
        let files = try #require(object?["files"] as? [[String: Any]])
        let finding = try #require((files.first?["findings"] as? [[String: Any]])?.first)
        #expect(finding["line"] as? Int == 4)
        #expect(finding["column"] as? Int == 3)
        #expect(finding["code"] as? String == "invalid-json")
    }

    @Test func missingFileIsAClearErrorWithStatusTwo() async throws {
        let result = try await TrackscopeProcess.run(["validate", "/nonexistent/trackscope-test.json"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("cannot read /nonexistent/trackscope-test.json"))
    }

    @Test func examplesListAndPrintValidExamples() async throws {
        let list = try await TrackscopeProcess.run(["examples"])
        #expect(list.status == 0)
        #expect(list.standardOutput.contains("purchase"))
        #expect(list.standardOutput.contains("page_view"))

        for dialect in ["legacy", "v1", "v2"] {
            let plain = try await TrackscopeProcess.run(["examples", "purchase", "--dialect", dialect, "--plain"])
            #expect(plain.status == 0)
            // The plain example is itself valid: feed it back to validate.
            let check = try await TrackscopeProcess.run(["validate", "-"], input: Data(plain.standardOutput.utf8))
            #expect(check.status == 0, "\(dialect): \(check.standardOutput)")
            #expect(check.standardError.contains("(\(dialect))"))
        }

        let annotated = try await TrackscopeProcess.run(["examples", "purchase"])
        #expect(annotated.standardOutput.contains("//"))
    }

    @Test func unknownExampleSuggestsTheNearestName() async throws {
        let result = try await TrackscopeProcess.run(["examples", "purchse"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("Did you mean \"purchase\"?"))
    }
}
