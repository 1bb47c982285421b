import ArgumentParser
import TerminalUI

/// `trackscope keys`: the terminal UI's keys, from the one key binding table (the README's key
/// tables are its `--markdown` output).
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Print the terminal UI's keys: the list, a record, the filter bar and the command line."
    )

    @Flag(help: "Print Markdown tables, as in the README.")
    var markdown = false

    @Argument(help: ArgumentHelp("Only this part: list, record or lines.", valueName: "section"))
    var section: String?

    func validate() throws {
        if let section, !KeyBinding.sections.contains(where: { $0.name == section }) {
            throw ValidationError("unknown section '\(section)' (expected list, record or lines)")
        }
    }

    func run() {
        let sections = KeyBinding.sections.filter { section == nil || $0.name == section }
        guard markdown else {
            print(KeyBinding.text(sections), terminator: "")
            return
        }
        print(sections.map(KeyBinding.markdown).joined(separator: "\n"), terminator: "")
    }
}
