import ArgumentParser
import Foundation
import TrackingModel

/// `trackscope convert`: migrates events between payload dialects by the vendor's rules
/// (`DialectConverter`), saying on standard error what moved, what was renamed and what could
/// not be placed, and printing the converted JSON on standard output.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert events to another payload dialect (legacy and v1 to v2, by the vendor's migration rule).",
        discussion: """
            Reads one JSON document, a JSON array, a batch body or JSON Lines, and prints the same \
            shape with every event converted (JSON Lines stay one event a line). Standard error says, \
            one line each, what moved, what was renamed and what could not be placed, as \
            FILE:LINE: CHANGE. Keys keep their order wherever the target allows; values, numbers \
            included, are never changed. --set and --unset edit each event after converting it. \
            The exit status is 2 when the input cannot be read or is not JSON.
            """
    )

    @Option(help: "The dialect to convert to: v2 (the current one), v1 or legacy.")
    var to: DialectArgument

    @Argument(help: ArgumentHelp("The file to convert; - or nothing reads standard input.", valueName: "file"))
    var file: String = "-"

    @OptionGroup var editing: EventEditOptions

    @Flag(help: "Say nothing on standard error about what changed.")
    var quiet = false

    func run() throws {
        let edits: [JSONEdit]
        do {
            edits = try editing.edits()
        } catch {
            Self.fail("trackscope: \(error)")
        }
        let input: EventInput
        do {
            input = try EventInput.read(file)
        } catch {
            Self.fail("trackscope: cannot read \(file): \(error.localizedDescription)")
        }
        if let error = input.documentError {
            Self.fail(input.located(error))
        }

        var converted: [JSONValue] = []
        var brokenLines = 0
        var counts: [DialectConversion.Change.Kind: Int] = [:]
        var sources: [String] = []
        for event in input.events {
            guard var value = event.value else {
                if let error = event.parseError { Self.say(input.located(error)) }
                brokenLines += 1
                continue
            }
            let conversion = DialectConverter.convert(value, from: event.dialect, to: to.dialect)
            value = conversion.value
            if !sources.contains(conversion.source.rawValue) { sources.append(conversion.source.rawValue) }
            for change in conversion.changes where !EventEditOptions.supply(change, in: edits) {
                counts[change.kind, default: 0] += 1
                if !quiet { Self.say("\(input.name):\(event.line): \(Self.describe(change))") }
            }
            for edit in edits {
                do {
                    let changed = try edit.apply(to: &value)
                    if !quiet { Self.say("\(input.name):\(event.line): \(changed ? "" : "nothing to ")\(edit)") }
                } catch {
                    Self.fail("\(input.name):\(event.line): cannot \(edit): \(error)")
                }
            }
            converted.append(value)
        }

        print(Self.render(converted, like: input.report.shape, original: input))
        if !quiet {
            let events = converted.count
            let summary = "converted \(events) event\(events == 1 ? "" : "s") from \(sources.joined(separator: ", ")) to \(to.rawValue): "
                + "\(counts[.moved, default: 0]) moved, \(counts[.renamed, default: 0]) renamed, "
                + "\(counts[.dropped, default: 0]) left out, \(counts[.missing, default: 0]) missing"
            Self.say(TerminalSafeText.escaped(summary))
        }
        if brokenLines > 0 { throw ExitCode(2) }
    }

    /// A change as a line, with what to do about a missing field.
    static func describe(_ change: DialectConversion.Change) -> String {
        var text = change.description
        if change.kind == .missing { text += "; add it with --set \(change.from)=VALUE" }
        return TerminalSafeText.escaped(text)
    }

    /// The events printed in the input's shape: one pretty document, an array, a batch body (its
    /// other members kept), or one compact event a line.
    static func render(_ events: [JSONValue], like shape: PayloadReport.Shape, original: EventInput) -> String {
        switch shape {
        case .event:
            return events.first.map { JSONPrinter.pretty($0) } ?? ""
        case .array:
            return JSONPrinter.pretty(.array(events))
        case .batch:
            var body = (try? JSONParser.parseValue(original.bytes))?.objectValue ?? JSONObject()
            body["batch"] = .array(events)
            return JSONPrinter.pretty(.object(body))
        case .jsonLines:
            return events.map { JSONPrinter.compact($0) }.joined(separator: "\n")
        }
    }

    static func say(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func fail(_ message: String) -> Never {
        say(message)
        Self.exit(withError: ExitCode(2))
    }
}
