import Foundation

/// Finds and runs the `trackscope` binary built beside the test bundle.
enum TrackscopeProcess {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The binary: `TRACKSCOPE_BIN` when set, else the one in the build folder of this test bundle.
    static var binaryURL: URL {
        if let override = ProcessInfo.processInfo.environment["TRACKSCOPE_BIN"] {
            return URL(fileURLWithPath: override)
        }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = bundle.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("trackscope")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
            folder = folder.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/trackscope")
    }

    /// Runs trackscope (or `executable`) with `arguments`, feeding `input` on standard input, and waits for it
    /// without blocking a thread of Swift concurrency (collectors in other tests need them).
    static func run(_ arguments: [String], input: Data? = nil, environment: [String: String]? = nil,
                    executable: URL? = nil) async throws -> Result {
        let process = Process()
        process.executableURL = executable ?? binaryURL
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        // Outputs go to temporary files: no pipe can fill up and block the child.
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("trackscope-run-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputURL = folder.appendingPathComponent("stdout")
        let errorURL = folder.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)
        defer {
            try? output.close()
            try? error.close()
        }
        let inputPipe = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = inputPipe
        // A child that exits without reading its input must not kill the test runner with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        try process.run()
        if let input { inputPipe.fileHandleForWriting.write(input) }
        try inputPipe.fileHandleForWriting.close()
        // Polled: a terminationHandler is not always called for a child that exits at once.
        while process.isRunning { try await Task.sleep(for: .milliseconds(5)) }
        let outputData = try Data(contentsOf: outputURL)
        let errorData = try Data(contentsOf: errorURL)
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self)
        )
    }
}
