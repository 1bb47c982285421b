// swift-tools-version:6.0
// trackscope: a terminal inspector for Commanders Act server-side tracking.
// The targets follow ../shared/design.md: one target per layer, each importing only what its row allows.

import PackageDescription

let package = Package(
    name: "trackscope",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "trackscope", targets: ["trackscope"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // Hummingbird and AsyncHTTPClient bring these; declared because Collector and Sender import
        // modules of theirs directly.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.24.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.3.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        // The replay summary's latency percentiles (p50, p99, max).
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.1.0"),
        // Theme files and the settings file (TOML), read in TerminalApp.
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // Order-preserving JSON, dialects, spec catalogue, validation, filter language. Foundation only.
        .target(name: "TrackingModel"),

        // The capture log: record type, writer (group commit), reader, follow, export and import.
        .target(
            name: "CaptureLog",
            dependencies: [
                "TrackingModel",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // The local tracking endpoint, its inspection API and forwarding (through Sender's
        // HTTPForwarder; the Sender knows nothing of the Collector). The one way to run it and
        // stop it, CollectorRunner, keeps the web framework out of the executable.
        .target(
            name: "Collector",
            dependencies: [
                "TrackingModel",
                "CaptureLog",
                "Sender",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Sending and replaying events.
        .target(
            name: "Sender",
            dependencies: [
                "TrackingModel",
                "CaptureLog",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),

        // Pure terminal UI: screen buffer, widgets, state and reducer. Never touches a terminal.
        .target(name: "TerminalUI", dependencies: ["TrackingModel", "CaptureLog"]),

        // The running inspector: the loop, the clock, the record source that follows the log, and
        // the effects (send, replay, export, the terminal handed to an editor), and settings.
        // TOML (theme and settings files) is read here: reading files is the running app's job.
        .target(
            name: "TerminalApp",
            dependencies: [
                "TerminalUI", "CaptureLog", "Sender", "TrackingModel",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),

        // The system ncursesw library (module map and shim header).
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),

        // The only code that calls ncurses.
        .target(name: "CursesTerminal", dependencies: ["TerminalUI", "CNcursesw"]),

        // The command-line entry point.
        .executableTarget(
            name: "trackscope",
            dependencies: [
                "TrackingModel",
                "CaptureLog",
                "Collector",
                "Sender",
                "TerminalUI",
                "TerminalApp",
                "CursesTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // The seeded generator the benchmarks' corpora and the tests' random documents share.
        .target(name: "SeededRandom"),

        // Fuzzing every reader of outside bytes: structured mutations, the targets, the fixtures.
        // A short run in the tests (FuzzingTests); `make fuzz` runs the `Fuzz` executable longer.
        .target(
            name: "Fuzzing",
            dependencies: [
                "TrackingModel",
                "CaptureLog",
                "Collector",
                "TerminalUI",
                "TerminalApp",
                "SeededRandom",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .executableTarget(name: "Fuzz", dependencies: ["Fuzzing"], path: "Fuzz"),

        // Benchmarks: run with `make bench` (see README). Each prints a ratio against a baseline
        // measured in the same run.
        .executableTarget(
            name: "ParseBenchmark",
            dependencies: ["TrackingModel", "SeededRandom"],
            path: "Benchmarks/ParseBenchmark"
        ),
        // `make bench-log`: capture log append throughput, open time and memory on 1M records.
        .executableTarget(
            name: "CaptureLogBenchmark",
            dependencies: ["CaptureLog", "TrackingModel", "SeededRandom"],
            path: "Benchmarks/CaptureLogBenchmark"
        ),
        // `make bench-request`: the collector's own work on one request (inspection, log line).
        .executableTarget(
            name: "RequestPathBenchmark",
            dependencies: ["CaptureLog", "TrackingModel"],
            path: "Benchmarks/RequestPathBenchmark"
        ),
        // `make bench-ui`: key press to frame while records arrive, and opening a 1M-record log.
        .executableTarget(
            name: "InspectorBenchmark",
            dependencies: [
                "TerminalApp", "TerminalUI", "CaptureLog", "TrackingModel",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            path: "Benchmarks/InspectorBenchmark"
        ),
        // `make bench-theme`: reading a theme file with TOMLKit against the hand-written reader it replaced.
        .executableTarget(
            name: "ThemeParseBenchmark",
            dependencies: ["TerminalApp", "TerminalUI"],
            path: "Benchmarks/ThemeParseBenchmark"
        ),
        // The baseline of `make bench-collect`: a bare Hummingbird app that reads the body and answers 200.
        .executableTarget(
            name: "BareServer",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/BareServer"
        ),
        // The client baseline of `make bench-replay`: AsyncHTTPClient posting one body, recording nothing.
        .executableTarget(
            name: "BareClient",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Benchmarks/BareClient"
        ),

        // What several test targets share: temporary folders removed at exit, a listener that never answers.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "TrackingModelTests", dependencies: ["TrackingModel", "SeededRandom"]),
        .testTarget(name: "CaptureLogTests", dependencies: ["TestSupport", "CaptureLog", "TrackingModel", "SeededRandom"]),
        .testTarget(
            name: "CollectorTests",
            dependencies: [
                "TestSupport",
                "Collector",
                "CaptureLog",
                "TrackingModel",
                "Sender",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(name: "FuzzingTests", dependencies: ["Fuzzing", "TrackingModel", "SeededRandom"]),
        // Sends to a collector, and to servers that fail, started in process.
        .testTarget(
            name: "SenderTests",
            dependencies: [
                "TestSupport",
                "Sender",
                "CaptureLog",
                "TrackingModel",
                "Collector",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "TerminalUITests", dependencies: ["TestSupport", "TerminalUI", "TerminalApp", "TrackingModel", "CaptureLog"]),
        .testTarget(name: "CursesTerminalTests", dependencies: ["CursesTerminal", "CNcursesw", "TerminalUI"]),
        // Runs the built `trackscope` binary as a user would (CLI and, through tmux, the terminal UI).
        .testTarget(name: "trackscopeTests", dependencies: ["TestSupport", "trackscope", "CaptureLog", "TrackingModel"]),
    ]
)
