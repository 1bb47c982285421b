import Foundation
import Testing
@testable import TerminalApp

@Suite struct ExternalEditorTests {
    /// A folder of this test's own, removed at the end.
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ts-editor-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func visualComesBeforeEditorAndBlankOnesDoNotCount() {
        #expect(ExternalEditor(environment: ["VISUAL": "vim", "EDITOR": "nano"])?.command == "vim")
        #expect(ExternalEditor(environment: ["VISUAL": " ", "EDITOR": "nano"])?.command == "nano")
        #expect(ExternalEditor(environment: ["PATH": "/bin"]) == nil)
    }

    @Test func theEditorRewritesAnOwnerOnlyFileThatIsRemovedAfterwards() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notes = folder.appendingPathComponent("notes").path
        // A scripted editor: says which file it got and its mode, then rewrites it with sed.
        let script = folder.appendingPathComponent("edit.sh")
        try "#!/bin/sh\necho \"$1\" > '\(notes)'\nstat -c %a \"$1\" >> '\(notes)'\nsed -i 's/16.00/19.90/' \"$1\"\n"
            .write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: script.path)

        // Run by sh, not executed itself: a process another test forks while the script's
        // write is open keeps that descriptor, and executing the file then fails (status 126,
        // text file busy).
        let outcome = await ExternalEditor(command: "sh '\(script.path)'").edit("{\"value\": 16.00}\n")
        #expect(outcome == .edited("{\"value\": 19.90}\n"))
        let lines = try String(contentsOfFile: notes, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.last == "600")
        let edited = try #require(lines.first)
        #expect(!FileManager.default.fileExists(atPath: edited))
        #expect(!FileManager.default.fileExists(atPath: (edited as NSString).deletingLastPathComponent))
    }

    @Test func aFailingEditorOrAnEmptiedFileIsReported() async {
        let failed = await ExternalEditor(command: "false").edit("{}")
        #expect(failed == .failed("the editor (false) ended with status 1: nothing sent"))
        let emptied = await ExternalEditor(command: "truncate -s 0").edit("{}")
        #expect(emptied == .failed("the file was left empty: nothing sent"))
    }
}
