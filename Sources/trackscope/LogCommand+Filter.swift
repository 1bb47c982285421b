import ArgumentParser
import CaptureLog
import Foundation
import TrackingModel

extension LogCommand {
    /// `trackscope log filter QUERY`: the records (or events) a filter matches.
    struct Filter: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the records a filter query matches, one compact record a line.",
            discussion: "With --events, print each matching event of their bodies instead (JSON Lines, for jq). Exits 2 when the query does not parse.")

        @OptionGroup var location: LogLocationOptions

        @Argument(help: "The filter query, e.g. 'event:purchase user.id:42'.")
        var query: String

        @Flag(help: "Print the matching events (one a line) rather than whole records.")
        var events = false

        @Flag(help: "Report progress on standard error.")
        var progress = false

        func run() async throws {
            let filter = LogCommand.parseQuery(query)
            let files = LogFiles.open(location)
            var output = StandardOutput()
            let events = self.events
            let showProgress = progress
            var lastReported = -1
            let summary = try files.scan(matching: filter, progress: { step in
                guard showProgress else { return }
                let percent = Int(step.fraction * 100)
                if percent != lastReported {
                    lastReported = percent
                    FileHandle.standardError.write(Data("\rfiltering: \(percent)%  \(step.matches) matches".utf8))
                }
            }) { record in
                if events {
                    output.write(CaptureExport.eventLines(record, matching: filter))
                } else {
                    output.write(record.encodedLine())
                }
            }
            output.flush()
            if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
            if summary.corrupt > 0 { LogCommand.standardError("warning: skipped \(summary.corrupt) corrupt record line(s)") }
        }
    }

    /// Parses a query or exits 2 with the problem and a caret under it.
    static func parseQuery(_ text: String) -> FilterQuery {
        do {
            return try FilterQuery.parse(text)
        } catch {
            FileHandle.standardError.write(Data("trackscope: invalid filter: \(error.message)\n\(error.caretLine(for: text))\n".utf8))
            Foundation.exit(2)
        }
    }
}
