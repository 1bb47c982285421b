import CaptureLog
import Foundation
import TerminalUI

/// The filter bar's queries, kept between runs: one query a line, oldest first, at most
/// `QueryHistory.limit`, in a file only its owner can read (`filter-history` in trackscope's state
/// folder, `$XDG_STATE_HOME/trackscope` or `~/.local/state/trackscope`).
public struct QueryHistoryFile: Sendable {
    public let url: URL
    /// Reading stops here: a history is a few kilobytes.
    static let maximumBytes = 256 * 1024

    public init(url: URL) {
        self.url = url
    }

    /// The history file in trackscope's state folder.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> QueryHistoryFile {
        QueryHistoryFile(url: CaptureLogLocation.stateFolder(environment: environment).appendingPathComponent("filter-history"))
    }

    /// The kept queries, oldest first (none when the file is missing or unreadable).
    public func load() -> [String] {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return [] }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: Self.maximumBytes) else { return [] }
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
        return QueryHistory(lines).entries
    }

    /// Replaces the kept queries with `entries` (the folder is made, owner-only, when missing).
    public func save(_ entries: [String]) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let text = QueryHistory(entries).entries.map { $0 + "\n" }.joined()
        try PrivateFile.write(Array(text.utf8), to: url)
    }
}
