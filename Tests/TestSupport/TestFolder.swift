import Foundation

/// Temporary folders of the test process, all under one root that is removed when the process
/// exits, so that no test leaves a folder behind even when it fails half-way. (The root's name is
/// short: the terminal UI tests show paths in a header line.)
public enum TestFolder {
    public static let root: URL = {
        let root = URL(fileURLWithPath: "/tmp/ts-tests-\(getpid())", isDirectory: true)
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestFolder.root) }
        return root
    }()

    /// A new, empty folder.
    public static func make(_ prefix: String = "t") -> URL {
        let folder = root.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
