import Foundation
import Testing

/// Runs the built `trackscope` binary as a user would.
@Suite struct CommandLineTests {
    @Test func printsVersion() async throws {
        let result = try await TrackscopeProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }
}
