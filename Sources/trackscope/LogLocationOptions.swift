import ArgumentParser
import CaptureLog
import Foundation

/// The `--log PATH` option every command that reads or writes the capture log takes.
struct LogLocationOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The capture log (default: `log` of the settings file, else $XDG_STATE_HOME/trackscope/capture.jsonl).",
        valueName: "path"
    ))
    var log: String?

    /// The log's URL: the one given, else the settings file's, else the default location.
    var url: URL {
        if let log { return URL(fileURLWithPath: log) }
        return RunSettings.current().logURL
    }
}
