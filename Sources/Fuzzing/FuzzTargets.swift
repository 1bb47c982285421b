import CaptureLog
import Foundation
import TerminalApp
import TerminalUI
import TrackingModel

/// Every reader of outside bytes, as a fuzz target. `make fuzz` runs them all; the tests run each
/// briefly and replay the inputs that once broke one (`Tests/Fixtures/fuzz/<name>/`).
public enum FuzzTargets {
    /// All targets, the HTTP endpoints' included.
    public static var all: [FuzzTarget] {
        [jsonParser, payloadInspector, bodySummary, filterParser, logLine, curlImport, harImport, eventsImport, themeFile, settingsFile, eventTree,
         CollectorFuzzTarget.endpoints]
    }

    /// The target called `name`, if any.
    public static func named(_ name: String) -> FuzzTarget? {
        all.first { $0.name == name }
    }

    /// The JSON parser: a value it reads prints back to text it reads as the same value; its map
    /// of where the values are places every path of the value (and one missing below each) where
    /// `JSONLocator`, reading the text again, does; an error names a place inside the input, and
    /// the same one with or without the map.
    public static let jsonParser = FuzzTarget.each("json-parser", seeds: FuzzSeeds.payloads + FuzzSeeds.logLines) { input in
        do throws(JSONParseError) {
            let (document, map) = try JSONParser.parseWithSourceMap(input)
            let value = document.value
            guard (try? JSONParser.parseValue(input)) == value else { return "the value differs when the map is recorded" }
            for printed in [JSONPrinter.compact(value), JSONPrinter.pretty(value)] {
                guard (try? JSONParser.parseValue(printed)) == value else { return "printed value does not read back the same" }
            }
            var paths: [JSONPath] = []
            collectPaths(in: value, at: .root, into: &paths, limit: 200)
            let mismatch = input.withUnsafeBytes { text in
                (paths + paths.map { $0.appending("missing") }).first { path in
                    JSONLocator.offset(of: path, in: text) != map.offset(of: path, in: value)
                }
            }
            if let mismatch { return "the map places \(mismatch) elsewhere than the locator" }
        } catch {
            do throws(JSONParseError) {
                _ = try JSONParser.parseValue(input)
                return "the text fails only when the map is recorded"
            } catch let plain {
                guard plain == error else { return "the error differs when the map is recorded" }
            }
            guard (0...input.count).contains(error.position.offset), error.position.line >= 1, error.position.column >= 1 else {
                return "error position \(error.position) outside the input"
            }
        }
        return nil
    }

    /// The first `limit` paths of `value` (members and elements, depth first), after `path`.
    private static func collectPaths(in value: JSONValue, at path: JSONPath, into paths: inout [JSONPath], limit: Int) {
        switch value {
        case .object(let object):
            for member in object.members where paths.count < limit {
                paths.append(path.appending(member.key))
                collectPaths(in: member.value, at: path.appending(member.key), into: &paths, limit: limit)
            }
        case .array(let elements):
            for index in elements.indices where paths.count < limit {
                paths.append(path.appending(index))
                collectPaths(in: elements[index], at: path.appending(index), into: &paths, limit: limit)
            }
        default:
            break
        }
    }

    /// The payload inspector in every form the collector and `validate` use: every finding with a
    /// line has a column, both counted from 1.
    public static let payloadInspector = FuzzTarget.each("payload-inspector", seeds: FuzzSeeds.payloads) { input in
        for form in PayloadForm.allCases {
            let report = PayloadInspector.inspect(bytes: input, form: form)
            for finding in report.allFindings {
                if let line = finding.line, line < 1 || (finding.column ?? 0) < 1 {
                    return "finding \(finding.code) at line \(line), column \(finding.column ?? 0)"
                }
            }
        }
        return nil
    }

    /// The body summary the log writer puts on every line: the quick scan gives the event names,
    /// user ids and reason of the full reading (`EventBody`, `NormalizedEvent`), and says a
    /// summary rules out `user.id:` only when the filter language finds no other user id; over a
    /// parsed document it says what it says over the bytes.
    public static let bodySummary = FuzzTarget.each("body-summary", seeds: FuzzSeeds.payloads + FuzzSeeds.userBodies) { input in
        let quick = EventBodySummary.quickScan(input)
        let full = EventBodySummary(reading: input)
        guard quick.eventNames == full.eventNames else { return "quick names \(quick.eventNames), full \(full.eventNames)" }
        guard quick.userIds == full.userIds else { return "quick user ids \(quick.userIds), full \(full.userIds)" }
        guard quick.noEventsReason == full.noEventsReason else {
            return "quick reason \(String(describing: quick.noEventsReason)), full \(String(describing: full.noEventsReason))"
        }
        if quick.userIdsCoverFilter && !full.userIdsCoverFilter { return "the quick scan covers user ids the filter finds elsewhere" }
        if let value = try? JSONParser.parseValue(input), EventBodySummary.quickScan(document: value) != quick {
            return "the scan of the parsed value differs from the scan of the bytes"
        }
        return nil
    }

    /// The filter language: a query either parses or fails at a character inside it.
    public static let filterParser = FuzzTarget.each("filter-parser", seeds: FuzzSeeds.filterQueries) { input in
        let text = String(decoding: input, as: UTF8.self)
        do throws(FilterParseError) {
            _ = try FilterQuery.parse(text)
        } catch {
            guard (0...text.count).contains(error.offset) else { return "error offset \(error.offset) outside the query" }
        }
        return nil
    }

    /// A capture log line: the full reader and the summary reader agree on whether it is a
    /// record, and a record read back encodes to a line that reads as the same record.
    public static let logLine = FuzzTarget.each("log-line", seeds: FuzzSeeds.logLines) { input in
        let record = try? CaptureRecord.decode(line: input)
        let summary = try? CaptureRecordSummary.decode(line: input)
        if let record {
            guard let summary else { return "the full reader reads the line and the summary reader refuses it" }
            guard summary.sequence == record.sequence else { return "summary and record disagree on the sequence" }
            guard let again = try? CaptureRecord.decode(line: record.encodedLine()), again.encodedLine() == record.encodedLine() else {
                return "a record read back does not encode to the same line"
            }
            guard (try? CaptureRecordSummary.decode(line: record.encodedLine())) == CaptureRecordSummary(record) else {
                return "the summary of a written line is not the summary of its record"
            }
        } else if summary != nil {
            return "the summary reader reads the line and the full reader refuses it"
        }
        return nil
    }

    /// `log import --format curl`.
    public static let curlImport = FuzzTarget.each("curl-import", seeds: FuzzSeeds.curlCommands) { input in
        _ = try? CaptureImport.curl(String(decoding: input, as: UTF8.self))
        return nil
    }

    /// `log import --format har`.
    public static let harImport = FuzzTarget.each("har-import", seeds: FuzzSeeds.harFiles) { input in
        _ = try? CaptureImport.har(input)
        return nil
    }

    /// `log import --format events`: every line gives a record (a broken one with its error).
    public static let eventsImport = FuzzTarget.each("events-import", seeds: FuzzSeeds.eventLines + FuzzSeeds.payloads) { input in
        _ = CaptureImport.events(input)
        return nil
    }

    /// The inspector's tree of a body (with its cookie and user agent readers): every node opens,
    /// every row draws, and a node found by its raw path is the one that path names.
    public static let eventTree = FuzzTarget.each("event-tree", seeds: FuzzSeeds.payloads) { input in
        let record = CaptureRecord(direction: .received, method: "POST", path: "/events", query: "", requestBody: input)
        let tree = EventTreeBuilder.tree(for: record)
        let rows = tree.rows(opened: tree.expandablePaths)
        for row in rows {
            _ = TreeView.line(for: row, isOpen: true, width: 80)
            if let rawPath = row.node.rawPath, let found = tree.path(forRawPath: rawPath), tree.node(at: found) == nil {
                return "the raw path \(rawPath) leads to no node"
            }
        }
        return nil
    }

    /// Theme files a user drops into the themes folder: a theme read from a file writes back to
    /// text that reads back the same; an error's line is inside the file.
    public static let themeFile = FuzzTarget.each("theme-file", seeds: Theme.builtIn.values.sorted { $0.name < $1.name }.map { Array(ThemeFile.text(for: $0).utf8) }) { input in
        let text = String(decoding: input, as: UTF8.self)
        do throws(ThemeFileError) {
            let theme = try ThemeFileReader.parse(text, fallbackName: "fuzz")
            guard (try? ThemeFileReader.parse(ThemeFile.text(for: theme), fallbackName: "x")) == theme else {
                return "a theme read from a file does not read back the same"
            }
        } catch {
            return lineProblem(error.line, in: text)
        }
        return nil
    }

    /// The settings file: an error names a line inside the file, and never a key written in clear.
    public static let settingsFile = FuzzTarget.each("settings-file", seeds: FuzzSeeds.settingsFiles) { input in
        let text = String(decoding: input, as: UTF8.self)
        do throws(SettingsError) {
            _ = try SettingsFile.parse(text, path: "config.toml", isOwnerOnly: false, home: "/home/fuzz")
        } catch {
            if let problem = lineProblem(error.line, in: text) { return problem }
            if error.message.contains("in clear"), error.message.contains("fuzz-secret-key") {
                return "an error message shows a source key in clear"
            }
        }
        return nil
    }

    /// Nil when `line` is nil or one of the lines of `text`, else what is wrong.
    private static func lineProblem(_ line: Int?, in text: String) -> String? {
        guard let line else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        return (1...max(1, lines)).contains(line) ? nil : "error line \(line) outside the file's \(lines) lines"
    }
}
