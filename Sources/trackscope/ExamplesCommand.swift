import ArgumentParser
import Foundation
import TrackingModel

/// `trackscope examples`: annotated, valid examples of the standard events.
struct ExamplesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "examples",
        abstract: "Print an annotated, valid example of a standard event, or the list of standard events.",
        discussion: "Notes are written as // comments beside each field; --plain prints bare JSON to paste or send."
    )

    @Argument(help: ArgumentHelp("A standard event name, such as purchase. Without it, the list.", valueName: "event"))
    var event: String?

    @Option(help: "The payload dialect: legacy, v1 or v2.")
    var dialect: DialectArgument = .v2

    @Flag(help: "Print valid JSON only, without the notes.")
    var plain = false

    func run() throws {
        guard let event else {
            printList()
            return
        }
        guard let example = SpecCatalogue.example(for: event, dialect: dialect.dialect) else {
            var message = "trackscope: \"\(event)\" is not a standard event."
            if let suggestion = NameSuggester.suggestion(for: event, among: SpecCatalogue.standardEvents.map(\.name)) {
                message += " Did you mean \"\(suggestion)\"?"
            }
            message += " Run `trackscope examples` for the list.\n"
            FileHandle.standardError.write(Data(message.utf8))
            throw ExitCode(2)
        }
        print(plain ? example.renderPlain() : example.render())
    }

    private func printList() {
        let events = SpecCatalogue.standardEvents
        let width = events.map(\.name.count).max() ?? 0
        print("Standard events (trackscope examples EVENT [--dialect legacy|v1|v2]):")
        for spec in events {
            let padding = String(repeating: " ", count: width - spec.name.count)
            print("  \(spec.name)\(padding)  \(spec.summary)")
        }
    }
}

/// The `--dialect` values of the commands that take one.
enum DialectArgument: String, ExpressibleByArgument, CaseIterable {
    case legacy, v1, v2

    var dialect: Dialect {
        switch self {
        case .legacy: .legacy
        case .v1: .v1
        case .v2: .v2
        }
    }
}
