import ArgumentParser

/// The `trackscope` command: a terminal inspector for Commanders Act server-side tracking.
@main
struct Trackscope: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trackscope",
        abstract: "Inspect, validate, compose and replay Commanders Act server-side tracking events.",
        version: TrackscopeVersion.current,
        subcommands: [
            ValidateCommand.self, ConvertCommand.self, ExamplesCommand.self, SendCommand.self, ReplayCommand.self, UICommand.self, LogCommand.self, ConfigCommand.self, KeysCommand.self,
            CollectCommand.self,
        ],
        defaultSubcommand: UICommand.self
    )
}
