/// What finding things needs beside the list: the filter bar, the command line, the effects asked
/// of the application, the theme names to complete and the traffic figures of the header.
public struct Finder: Sendable, Equatable {
    /// The line being typed in, if any.
    public enum Input: Sendable, Hashable {
        case none
        case filter
        case command
    }

    public var input: Input = .none
    public var filterBar = FilterBar()
    public var commandBar = CommandBar()
    /// Effects for the loop to perform, oldest first; it empties the list.
    public var effects: [FinderEffect] = []
    /// The theme names `:theme` completes (the built-in ones unless the application says more).
    public var themeNames: [String] = Theme.builtIn.keys.sorted()
    /// Records received per second, from the record counts of the last ticks.
    public var traffic = TrafficRate()
    /// Received, sent, errors and warnings over the whole log.
    public var tally = LogTally()

    public init() {}
}
