import ArgumentParser
import CursesTerminal
import Foundation
import TerminalUI

/// `trackscope ui`: the capture log, live, in the terminal.
struct UICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Watch the capture log live: every record as it arrives, and each one in full.",
        discussion: """
        Opens the capture log and follows it as records are appended (by `trackscope collect` or \
        another process). A log that does not exist yet is waited for, not created. Keys: j/k or \
        arrows to move, Enter to open a record, / to filter, ? for help, q to quit.
        """
    )

    @OptionGroup var logLocation: LogLocationOptions

    @Option(name: .long, help: ArgumentHelp(
        "The colour theme: default, mono, a theme name from $XDG_CONFIG_HOME/trackscope/themes, or a .toml file. NO_COLOR selects mono.",
        valueName: "name"
    ))
    var theme: String = "default"

    func run() async throws {
        guard CursesTerminal.isInteractive else {
            FileHandle.standardError.write(Data("trackscope ui needs a terminal: standard input and output must be a TTY (for scripts, use the other commands).\n".utf8))
            throw ExitCode(2)
        }
        let environment = ProcessInfo.processInfo.environment
        let chosenTheme: Theme
        do {
            chosenTheme = Theme.choose(requested: try UIThemeLoader.load(theme, environment: environment), environment: environment)
        } catch {
            FileHandle.standardError.write(Data("trackscope ui: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let url = logLocation.url
        let source: CaptureLogRecordSource
        do {
            source = try CaptureLogRecordSource(url: url)
        } catch {
            FileHandle.standardError.write(Data("trackscope ui: cannot open \(url.path): \(error)\n".utf8))
            throw ExitCode(1)
        }

        let terminal = CursesTerminal(theme: chosenTheme)
        do {
            try terminal.start()
        } catch {
            FileHandle.standardError.write(Data("trackscope ui: \(error)\n".utf8))
            throw ExitCode(2)
        }
        var state = AppState(logPath: url.path, width: terminal.size.width, height: terminal.size.height)
        if !source.warnings.isEmpty {
            state.statusMessage = .init(source.warnings.joined(separator: "; "), role: .warning, remainingTicks: 100)
        }
        let runner = AppRunner(backend: terminal, source: source)
        _ = await runner.run(initialState: state)
        terminal.stop()
        // Stopped by a signal: exit as a process killed by it would (128 + its number).
        if let signal = terminal.stopSignal { throw ExitCode(128 + signal) }
    }
}
