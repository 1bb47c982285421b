/// A reader of outside bytes under fuzzing: its name, the seed inputs mutations start from, and
/// how one input is fed to it. Feeding may throw or return an error (bad input is expected); it
/// must not crash, hang, or break a stated property, which it reports as a `FuzzFailure`.
public struct FuzzTarget: Sendable {
    /// A short name for the command line (`make fuzz TARGET=json-parser`) and the fixture folder.
    public let name: String
    /// Valid and nearly valid inputs that mutations start from.
    public let seeds: [[UInt8]]
    /// Feeds every input `feed` gives to the reader, and returns what broke a property.
    public let run: @Sendable (FuzzFeed) async -> [FuzzFailure]

    public init(name: String, seeds: [[UInt8]], run: @escaping @Sendable (FuzzFeed) async -> [FuzzFailure]) {
        self.name = name
        self.seeds = seeds
        self.run = run
    }

    /// A target fed one input at a time by a synchronous check: nil when the input was handled
    /// well, else what went wrong.
    public static func each(_ name: String, seeds: [[UInt8]], _ check: @escaping @Sendable ([UInt8]) -> String?) -> FuzzTarget {
        FuzzTarget(name: name, seeds: seeds) { feed in
            var failures: [FuzzFailure] = []
            while let input = feed.next() {
                if let message = check(input) { failures.append(FuzzFailure(input: input, message: message)) }
            }
            return failures
        }
    }
}

/// An input that broke a property of its reader (a crash ends the process instead: `make fuzz`
/// finds those from the input it was fed last).
public struct FuzzFailure: Sendable, CustomStringConvertible {
    public let input: [UInt8]
    public let message: String

    public init(input: [UInt8], message: String) {
        self.input = input
        self.message = message
    }

    public var description: String { "\(message) (input of \(input.count) bytes)" }
}
