import ArgumentParser
import CaptureLog
import Foundation
import TrackingModel

extension LogCommand {
    /// `trackscope log export`: curl commands, HAR 1.2, or plain events.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export records as curl commands, a HAR 1.2 file, or plain events (JSON Lines).",
            discussion: "curl commands read the source key from $\(CaptureExport.keyVariable); it is never written in clear.")

        @OptionGroup var location: LogLocationOptions

        @Option(help: "curl, har or events.")
        var format: CaptureExportWriter.Format

        @Option(name: .customLong("filter"), help: "Only the records this filter query matches.")
        var filterQuery: String?

        @Option(help: "Where received records are sent again (curl) or said to have gone (HAR).")
        var baseURL = "http://localhost:8080"

        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
        var output: String?

        func run() async throws {
            let query = filterQuery.map(LogCommand.parseQuery) ?? .all
            let files = LogFiles.open(location)
            var bytes: [UInt8] = []
            var out = StandardOutput()
            let toFile = output != nil
            var writer = CaptureExportWriter(format: format, query: query, baseURL: baseURL)
            try files.scan(matching: query) { record in
                let chunk = writer.add(record)
                if toFile { bytes += chunk } else { out.write(chunk) }
            }
            let end = writer.finish()
            if toFile { bytes += end } else { out.write(end) }
            if let output {
                // Captured events hold personal data: the file is its owner's alone (0600).
                do {
                    try PrivateFile.write(bytes, to: URL(fileURLWithPath: output))
                } catch {
                    LogCommand.fail("cannot write \(output): \(error.description)")
                }
            } else {
                out.flush()
            }
        }
    }

    /// `trackscope log import FILE`: HAR, plain events, or curl commands into the log.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a HAR file, plain events (JSON Lines) or curl commands into the capture log.",
            discussion: "HAR import keeps the entries sent to a tracking endpoint (/v2/{site}/events, /events, /events/batch, the User and Product APIs).")

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case har, events, curl
        }

        @OptionGroup var location: LogLocationOptions

        @Argument(help: ArgumentHelp("The file to import; - reads standard input.", valueName: "file"))
        var file: String

        @Option(help: "har, events or curl.")
        var format: Format

        @Option(help: "fsync (each batch on disk before it counts) or os (faster, not synced).")
        var durability: DurabilityArgument = .fsync

        @Option(help: ArgumentHelp("Rotate the log when it would grow past this size: bytes, or 512K, 100M, 2G.", valueName: "size"))
        var maxLogSize: ByteCountArgument?

        func run() async throws {
            if format == .events {
                try await importEvents()
                return
            }
            let bytes: [UInt8]
            do {
                bytes = file == "-" ? [UInt8](FileHandle.standardInput.readDataToEndOfFile()) : [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
            } catch {
                LogCommand.fail("cannot read \(file): \(error.localizedDescription)", code: 2)
            }
            let result: CaptureImport.Result
            do {
                switch format {
                case .har: result = try CaptureImport.har(bytes)
                case .events: result = CaptureImport.events(bytes)
                case .curl: result = try CaptureImport.curl(String(decoding: bytes, as: UTF8.self))
                }
            } catch {
                LogCommand.fail("cannot import \(file): \(error)", code: 2)
            }
            let writer = openWriter()
            var first: UInt64?
            var last: UInt64?
            for record in result.records {
                let stored = try await writer.append(record)
                if first == nil { first = stored.sequence }
                last = stored.sequence
            }
            try await writer.close()
            for reason in result.skipped { LogCommand.standardError("skipped \(reason)") }
            var message = "imported \(result.records.count) record(s) into \(location.url.path)"
            if let first, let last { message += " (#\(first)...#\(last))" }
            if !result.skipped.isEmpty { message += ", skipped \(result.skipped.count)" }
            FileHandle.standardError.write(Data((message + "\n").utf8))
        }

        private func openWriter() -> CaptureLogWriter {
            let writer: CaptureLogWriter
            do {
                writer = try CaptureLogWriter(url: location.url, durability: durability.durability, maximumSize: maxLogSize?.bytes)
            } catch {
                LogCommand.fail("cannot open \(location.url.path) for writing: \(error)")
            }
            for warning in writer.openingWarnings { LogCommand.standardError("warning: \(warning)") }
            return writer
        }

        /// Plain events, streamed: read in chunks, analysed on every core, appended in order.
        private func importEvents() async throws {
            let fd = file == "-" ? 0 : open(file, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                LogCommand.fail("cannot read \(file): \(String(cString: strerror(errno)))", code: 2)
            }
            defer { if fd != 0 { close(fd) } }
            let writer = openWriter()
            let progress = ImportProgressLine()
            let outcome: EventLinesImport.Outcome
            do {
                outcome = try await EventLinesImport().run(reading: fd, name: file, into: writer) { progress.draw($0) }
            } catch {
                progress.finish()
                LogCommand.fail("cannot import \(file): \(error)")
            }
            progress.finish()
            try await writer.close()
            var message = "imported \(outcome.records) record(s) into \(location.url.path)"
            if let sequences = outcome.sequences { message += " (#\(sequences.lowerBound)...#\(sequences.upperBound))" }
            FileHandle.standardError.write(Data((message + "\n").utf8))
        }
    }
}

/// `--durability fsync|os`.
enum DurabilityArgument: String, ExpressibleByArgument, CaseIterable {
    case fsync, os

    var durability: Durability { self == .fsync ? .fsync : .os }
}

extension CaptureExportWriter.Format: ExpressibleByArgument {}
