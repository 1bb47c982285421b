import Foundation
import Fuzzing
import Testing
import TrackingModel

/// A short, seeded fuzz run of every reader of outside bytes, after the inputs that once broke it
/// (`Tests/Fixtures/fuzz/<target>/`). `make fuzz` runs the same targets for longer.
@Suite struct FuzzingTests {
    static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Inputs for each target in the short run (the HTTP endpoints' and the TOML files' are
    /// slower, so fewer: a fuzz input runs through TOMLKit in 5 to 15 ms in a debug build, and the
    /// short runs hold threads the other in-process tests need).
    static func budget(_ target: String) -> Int {
        switch target {
        case "http-endpoints", "theme-file", "settings-file": 150
        case "payload-inspector", "json-parser", "log-line": 600
        case "filter-parser": 250
        default: 400
        }
    }

    @Test(arguments: FuzzTargets.all.map(\.name))
    func shortRun(target name: String) async throws {
        let target = try #require(FuzzTargets.named(name))
        let fixtures = FuzzFixtures.load(from: FuzzFixtures.folder(for: name, inProjectAt: Self.projectRoot))
        let feed = FuzzFeed(target: target, fixtures: fixtures.map(\.bytes), seed: 20261202, limit: fixtures.count + Self.budget(name))
        let failures = await target.run(feed)
        #expect(failures.isEmpty, "\(failures.prefix(3))")
        #expect(feed.tried == fixtures.count + Self.budget(name))
    }

    @Test func mutationsAreReproducible() {
        let seeds = [Array(#"{"event_name":"purchase","value":1}"#.utf8)]
        var first = FuzzMutator(seed: 7)
        var second = FuzzMutator(seed: 7)
        var other = FuzzMutator(seed: 8)
        let a = (0..<50).map { _ in first.input(from: seeds) }
        let b = (0..<50).map { _ in second.input(from: seeds) }
        let c = (0..<50).map { _ in other.input(from: seeds) }
        #expect(a == b)
        #expect(a != c)
    }

    @Test func everyMutationHasItsShape() {
        let seed = Array(#"{"event_name":"purchase","value":1}"#.utf8)
        var mutator = FuzzMutator(seed: 1)
        let deep = mutator.mutate(seed, by: .deepNesting, seeds: [seed])
        #expect(deep.count > seed.count + 500)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        #expect(mutator.mutate(seed, by: .truncation, seeds: [seed]).count < seed.count)
        let utf8 = mutator.mutate(seed, by: .invalidUTF8, seeds: [seed])
        #expect(utf8.contains { $0 >= 0x80 })
        #expect(mutator.mutate(seed, by: .longString, seeds: [seed]).count >= seed.count + 1_000)
        for mutation in FuzzMutator.Mutation.allCases {
            #expect(mutator.mutate(seed, by: mutation, seeds: [seed]).count <= FuzzMutator.maximumLength + 200_000)
        }
    }

    @Test func fixturesAreKeptOnceByContent() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trackscope-fuzz-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try FuzzFixtures.save(Array("[[[".utf8), in: folder)
        let again = try FuzzFixtures.save(Array("[[[".utf8), in: folder)
        try FuzzFixtures.save(Array("{".utf8), in: folder)
        #expect(first == again)
        #expect(FuzzFixtures.load(from: folder).count == 2)
        #expect(FuzzFixtures.load(from: folder.appendingPathComponent("missing")).isEmpty)
    }

    /// `make fuzz` (scripts/fuzz) with a stand-in fuzzer whose target crashes on its first seed:
    /// the crash is counted, the input it was fed last is kept, the target goes on with the next
    /// seed, and the run fails.
    @Test func makeFuzzKeepsTheInputOfACrash() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trackscope-fuzz-script-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let standIn = folder.appendingPathComponent("fuzzer")
        try """
        #!/usr/bin/env bash
        if [ "$1" = --list ]; then echo crashy; exit 0; fi
        while [ $# -gt 0 ]; do case $1 in --seed) seed=$2;; --last-input) last=$2;; esac; shift 2; done
        printf 'input of seed %s' "$seed" > "$last"
        if [ "$seed" = 1 ]; then kill -SEGV $$; fi
        sleep 1; echo "tried 7 failures 0"
        """.write(to: standIn, atomically: true, encoding: .utf8)
        chmod(standIn.path, 0o755)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.projectRoot.appendingPathComponent("scripts/fuzz").path]
        process.environment = ProcessInfo.processInfo.environment.merging([
            "FUZZ_BIN": standIn.path, "FUZZ_SECONDS": "2", "FUZZ_FIXTURES": folder.appendingPathComponent("kept").path,
        ]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("crashy") }).split(separator: " ")
        #expect(row[2] == "1", "one crash: \(text)")
        #expect(Int(row[1]).map { $0 >= 8 } == true, "the crashing input, then 7 more: \(text)")
        let kept = FuzzFixtures.load(from: folder.appendingPathComponent("kept/crashy"))
        #expect(kept.map { String(decoding: $0.bytes, as: UTF8.self) } == ["input of seed 1"])
    }
}
