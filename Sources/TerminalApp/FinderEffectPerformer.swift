import CaptureLog
import Foundation
import TerminalUI
import TrackingModel

/// Performs the effects the UI's state asks for (`FinderEffect`): exporting the records the filter
/// selects, finding a record by its sequence number, loading a theme, keeping the query history.
public struct FinderEffectPerformer: Sendable {
    /// Finds a theme by name (the executable's loader: user theme files, then the built-in ones);
    /// nil: the built-in ones only.
    public var loadTheme: (@Sendable (String) throws -> Theme)?
    /// Where the filter queries are kept between runs; nil: not kept.
    public var historyFile: QueryHistoryFile?
    /// The base URL exported curl commands and HAR entries name for received records.
    public var exportBaseURL: String

    public init(loadTheme: (@Sendable (String) throws -> Theme)? = nil, historyFile: QueryHistoryFile? = nil,
                exportBaseURL: String = "http://localhost:8080") {
        self.loadTheme = loadTheme
        self.historyFile = historyFile
        self.exportBaseURL = exportBaseURL
    }

    /// The theme called `name`, or nil with the reason reported into `state`.
    func theme(named name: String, in state: inout AppState) -> Theme? {
        do {
            if let loadTheme { return try loadTheme(name) }
            if let theme = Theme.builtIn[name] { return theme }
            throw ThemeNotFound(name: name)
        } catch {
            state = AppReducer.reduce(state, .effectFinished(.message("theme \(name): \(error)", isError: true)))
            return nil
        }
    }

    private struct ThemeNotFound: Error, CustomStringConvertible {
        var name: String
        var description: String { "no theme named \(name) (built in: \(Theme.builtIn.keys.sorted().joined(separator: ", ")))" }
    }

    /// Performs `effect`; returns what to tell the state (nil: nothing to say).
    func perform(_ effect: FinderEffect, source: any RecordSource) async -> FinderEffectResult? {
        switch effect {
        case .export(let format, let path, let query):
            return await export(format: format, path: path, query: query, source: source)
        case .locate(let sequence):
            return .located(sequence: sequence, index: await Self.index(ofSequence: sequence, in: source))
        case .saveQueryHistory(let entries):
            do {
                try historyFile?.save(entries)
                return nil
            } catch {
                return .message("cannot keep the filter history: \(error)", isError: true)
            }
        case .useTheme:
            return nil
        }
    }

    /// Writes the records `query` selects, through the export `trackscope log export` uses, to
    /// a file only its owner can read (it holds captured data).
    func export(format: CaptureExportWriter.Format, path: String, query: FilterQuery,
                source: any RecordSource) async -> FinderEffectResult {
        let url = URL(fileURLWithPath: Self.expandingHome(path))
        var writer = CaptureExportWriter(format: format, query: query, baseURL: exportBaseURL)
        var bytes: [UInt8] = []
        do {
            let count = try await source.count()
            for index in 0..<count {
                let record = try await source.record(at: index)
                if record.matches(query) { bytes += writer.add(record) }
            }
            bytes += writer.finish()
            try PrivateFile.write(bytes, to: url)
        } catch {
            return .message("cannot export to \(path): \(Self.describe(error))", isError: true)
        }
        let records = writer.recordCount == 1 ? "1 record" : "\(writer.recordCount) records"
        return .message("exported \(records) to \(url.path)", isError: false)
    }

    /// The index of the record numbered `sequence` (sequence numbers increase along the log).
    static func index(ofSequence sequence: UInt64, in source: any RecordSource) async -> Int? {
        guard var high = try? await source.count() else { return nil }
        var low = 0
        while low < high {
            let middle = (low + high) / 2
            guard let found = try? await source.record(at: middle).sequence else { return nil }
            if found == sequence { return middle }
            if found < sequence { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    static func expandingHome(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        return NSHomeDirectory() + path.dropFirst()
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? PrivateFile.WriteError { return error.description }
        return "\(error)"
    }
}
