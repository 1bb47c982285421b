import ArgumentParser
import Foundation
import TrackingModel

/// `trackscope validate`: checks events offline and reports findings compiler-style, so an editor
/// can jump to each one.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate events offline: one JSON document, a JSON array, a batch body, or JSON Lines.",
        discussion: """
            Findings are printed as FILE:LINE:COL: SEVERITY: MESSAGE [code] (at PATH), with a note \
            line for the hint. The exit status is 1 when any error is found, 2 when a file cannot be read.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: ArgumentHelp("Files to validate; - or nothing reads standard input.", valueName: "file"))
    var files: [String] = []

    @Option(help: "Output format: text (compiler-style) or json.")
    var format: OutputFormat = .text

    @Option(help: "What the input holds: automatic, event, or batch.")
    var form: PayloadFormArgument = .automatic

    @Flag(help: "Print warnings and notes too (info findings are hidden by default).")
    var verbose = false

    func run() throws {
        let inputs = files.isEmpty ? ["-"] : files
        var reports: [(name: String, report: PayloadReport)] = []
        var unreadable: [String] = []
        for input in inputs {
            do {
                let bytes = try Self.read(input)
                reports.append((input == "-" ? "<stdin>" : input, PayloadInspector.inspect(bytes: bytes, form: form.payloadForm)))
            } catch {
                unreadable.append(input)
                FileHandle.standardError.write(Data("trackscope: cannot read \(input): \(error.localizedDescription)\n".utf8))
            }
        }

        let output: String
        switch format {
        case .text:
            output = ValidationReportPrinter.text(reports, includeInfo: verbose)
        case .json:
            output = ValidationReportPrinter.json(reports)
        }
        if !output.isEmpty { print(output, terminator: output.hasSuffix("\n") ? "" : "\n") }
        if format == .text {
            FileHandle.standardError.write(Data((ValidationReportPrinter.summary(reports) + "\n").utf8))
        }

        if !unreadable.isEmpty { throw ExitCode(2) }
        if reports.contains(where: { $0.report.allFindings.contains { $0.severity == .error } }) {
            throw ExitCode(1)
        }
    }

    private static func read(_ input: String) throws -> [UInt8] {
        if input == "-" {
            return [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        }
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: input)))
    }
}

/// The `--form` values of `validate`.
enum PayloadFormArgument: String, ExpressibleByArgument, CaseIterable {
    case automatic, event, batch

    var payloadForm: PayloadForm {
        switch self {
        case .automatic: .automatic
        case .event: .event
        case .batch: .batch
        }
    }
}
