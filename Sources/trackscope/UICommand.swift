import ArgumentParser
import CaptureLog
import Collector
import CursesTerminal
import Foundation
import Logging
import TerminalApp
import TerminalUI
import TrackingModel

/// `trackscope ui`: the capture log, live, in the terminal.
struct UICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Watch the capture log live: every record as it arrives, and each one in full.",
        discussion: """
        Runs the collector (as `trackscope collect` would, on --host and --port) and follows the \
        capture log as records are appended, by it or by another process, from the oldest rotated \
        segment kept on, across rotations. With --no-collect, or when the port is taken, it only \
        follows the log; a log that does not exist yet is then waited for, not created. Keys: j/k \
        or arrows to move, Enter to open a record, / to filter, c to compose and send an event \
        (in $VISUAL or $EDITOR when set), m to mark, d to diff two marked records, r to replay, ? \
        for help, q to quit.
        """
    )

    @OptionGroup var logLocation: LogLocationOptions

    @Option(name: .long, help: ArgumentHelp(
        "The colour theme: default, light, high-contrast, mono, a theme name from $XDG_CONFIG_HOME/trackscope/themes, or a .toml file (default: the settings file's, else default). NO_COLOR selects mono.",
        valueName: "name"
    ))
    var theme: String?

    @Flag(inversion: .prefixedNo, help: "Run the collector inside the UI (the default), or only follow the log.")
    var collect = true

    @Option(help: "The address the embedded collector listens on (default: the settings file's, else 127.0.0.1). Anything but loopback opens it to the network: it says so at start, and the inspection API then asks for a token.")
    var host: String?

    @Option(help: "The port the embedded collector listens on; 0 picks a free one (default: the settings file's, else 8080).")
    var port: Int?

    @OptionGroup var inspection: InspectionTokenOptions

    @Option(name: .customLong("key-env"), help: ArgumentHelp("The environment variable that holds the source key events composed (c, e) and replayed (r) in the UI are sent with.", valueName: "name"))
    var keyEnvironmentVariable: String?

    @Option(name: .customLong("max-log-size"),
            help: ArgumentHelp("The embedded collector rotates the log when it would grow past this size: bytes, or 512K, 100M, 2G (five rotated segments are kept, and shown).", valueName: "size"))
    var maximumLogSize: ByteCountArgument?

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535.") }
        if let maximumLogSize, maximumLogSize.bytes <= 0 { throw ValidationError("--max-log-size must be positive.") }
    }

    func run() async throws {
        guard CursesTerminal.isInteractive else {
            FileHandle.standardError.write(Data("trackscope ui needs a terminal: standard input and output must be a TTY (for scripts, use the other commands).\n".utf8))
            throw ExitCode(2)
        }
        let environment = RunSettings.environment
        let settings = RunSettings.current(SettingsOverrides(host: self.host, port: self.port, theme: theme, log: logLocation.log))
        let (host, port) = (settings.host.value, settings.port.value)
        let sourceKeys: [String]
        do {
            sourceKeys = try settings.sourceKeyArguments(environment: environment)
        } catch {
            FileHandle.standardError.write(Data("trackscope ui: \(error)\n".utf8))
            throw ExitCode(2)
        }
        // A theme that cannot be read is not fatal: the default theme, and a warning.
        let themeOutcome = ThemeLoader.load(settings.theme.value, environment: environment)
        if let warning = themeOutcome.warning { FileHandle.standardError.write(Data("trackscope ui: \(warning)\n".utf8)) }
        let chosenTheme = themeOutcome.theme
        let url = settings.logURL
        // The collector starts before the screen does, so that its failure can be shown there.
        var collectorStatus: (address: String?, problem: String?) = (nil, nil)
        var collector: CollectorRunner?
        var catalogue: ProductCatalogue?
        var exposure: String?
        if collect {
            do {
                let (embedded, core) = try await Self.makeCollector(
                    logURL: url, host: host, port: port, maximumLogSize: maximumLogSize?.bytes, token: try inspection.token(),
                    sourceKeys: SourceKeys(arguments: sourceKeys)
                )
                let boundPort = try await embedded.start()
                let shownHost = host.contains(":") ? "[\(host)]" : host
                collectorStatus.address = "http://\(shownHost):\(boundPort)"
                collector = embedded
                catalogue = core.catalogue
                let token = core.inspectionToken
                // Said before the screen covers it (and seen again once the UI quits), and on the screen.
                if let warning = inspection.exposureWarning(host: host, port: boundPort, token: token) {
                    FileHandle.standardError.write(Data((warning + "\n").utf8))
                    let tokenText = inspection.variable.map { "the value of $\($0)" } ?? token?.value ?? ""
                    exposure = "collector reachable from the network (\(shownHost), not loopback): anyone there can post events; inspection API token: \(tokenText)"
                }
            } catch {
                collectorStatus.problem = "collector not started (\(error)); following the log only"
            }
        }
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
        state.collectorAddress = collectorStatus.address
        let historyFile = QueryHistoryFile.standard(environment: environment)
        state.finder.filterBar.history = QueryHistory(historyFile.load())
        state.finder.themeNames = ThemeLoader.names(environment: environment)
        let warnings = [exposure, themeOutcome.warning].compactMap { $0 } + source.warnings + [collectorStatus.problem].compactMap { $0 }
        if !warnings.isEmpty {
            state.statusMessage = .init(warnings.joined(separator: "; "), role: .warning, remainingTicks: 200)
        }
        let finderEffects = FinderEffectPerformer(
            loadTheme: { name in try ThemeLoader.theme(named: name, environment: environment) },
            historyFile: historyFile,
            exportBaseURL: collectorStatus.address ?? "http://localhost:8080"
        )
        var runner = AppRunner(backend: terminal, source: source, finderEffects: finderEffects)
        if let catalogue { runner.catalogue = { record in await Self.itemCatalogue(of: record, in: catalogue) } }
        let effects = InspectorEffects(logURL: url, keyVariable: keyEnvironmentVariable, environment: environment,
                                       userAgent: SendCommand.userAgent)
        runner.effects = effects
        _ = await runner.run(initialState: state)
        terminal.stop()
        await effects.shutdown()
        await collector?.stop()
        // Stopped by a signal: exit as a process killed by it would (128 + its number).
        if let signal = terminal.stopSignal { throw ExitCode(128 + signal) }
    }

    /// The collector of `trackscope collect` with its defaults, quiet (nothing may print over the
    /// screen), writing to the log the UI follows.
    /// Returns the collector and its core (stores, and the token its inspection API asks for).
    private static func makeCollector(logURL: URL, host: String, port: Int, maximumLogSize: Int?,
                                      token: InspectionToken?, sourceKeys: SourceKeys) async throws -> (CollectorRunner, CollectorCore) {
        let log = try FileCollectorLog(url: logURL, maximumSize: maximumLogSize)
        let quiet = Logger(label: "trackscope.ui.collector") { _ in SwiftLogNoOpLogHandler() }
        let configuration = CollectorConfiguration(host: host, port: port, sourceKeys: sourceKeys, inspectionToken: token)
        let core = CollectorCore(configuration: configuration, log: log, logger: quiet)
        core.startRebuildingFromLog()
        return (CollectorRunner(core: core), core)
    }

    /// The products the embedded collector's Product API stored for `record`'s items.
    private static func itemCatalogue(of record: CaptureRecord, in catalogue: ProductCatalogue) async -> ItemCatalogue {
        guard let site = record.siteId, let body = try? JSONParser.parseValue(record.requestBody) else { return ItemCatalogue() }
        var products: [ItemCatalogue.Position: CatalogueProduct] = [:]
        for found in await catalogue.products(forItemsIn: body, site: site) {
            products[.init(event: found.event, item: found.item)] = CatalogueProduct(
                name: found.product.name, price: found.product.price?.literal, currency: found.product.currency)
        }
        return ItemCatalogue(products)
    }
}
