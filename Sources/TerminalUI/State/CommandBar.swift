/// The command line (`:`): the command being typed and the completion under way.
public struct CommandBar: Sendable, Hashable {
    /// A Tab completion: the candidates for the line as it was, and the one on view.
    public struct Completion: Sendable, Hashable {
        public var candidates: [String]
        public var index: Int
    }

    public var editor = LineEditor()
    /// Set while Tab walks the candidates; any other edit ends it.
    public var completion: Completion?

    public init() {}
}
