/// One row of the key binding table: the keys, where they apply, what each does, a short hint for
/// the bottom line and a description for the help screen and the README. The table
/// (`KeyBinding.table`) is the one place keys are defined: `KeyMap` reads commands from it,
/// `HelpView` and `StatusBar` their texts, and `KeyBinding.markdown()` prints the README's tables.
public struct KeyBinding: Sendable {
    /// A key and the command it gives.
    public struct Pair: Sendable, Hashable {
        public var key: Key
        public var command: KeyCommand
    }

    /// When a hint is worth showing on the bottom line.
    public enum HintCondition: Sendable, Hashable {
        case always
        case filterActive
        case following
        case notFollowing
    }

    /// A short text for the bottom line ("j/k move"), in some contexts, under a condition.
    public struct Hint: Sendable, Hashable {
        public var text: String
        /// Nil: wherever the binding applies.
        public var contexts: Set<KeyContext>?
        public var condition: HintCondition

        public init(_ text: String, in contexts: Set<KeyContext>? = nil, when condition: HintCondition = .always) {
            self.text = text
            self.contexts = contexts
            self.condition = condition
        }
    }

    /// How the keys are written for people ("j / ↓, k / ↑").
    public var label: String
    public var contexts: Set<KeyContext>
    /// The keys and their commands; empty for a row that only documents (typing text).
    public var pairs: [Pair]
    public var hints: [Hint]
    /// What the keys do, for the help screen and the README.
    public var help: String

    /// Keys that all give one command.
    public init(_ label: String, _ keys: [Key], in contexts: Set<KeyContext>, _ command: KeyCommand,
                hints: [Hint] = [], _ help: String) {
        self.init(label, in: contexts, keys.map { Pair(key: $0, command: command) }, hints: hints, help)
    }

    /// Keys that give different commands (`j` down, `k` up), documented as one row.
    public init(_ label: String, in contexts: Set<KeyContext>, _ pairs: [Pair], hints: [Hint] = [], _ help: String) {
        self.label = label
        self.contexts = contexts
        self.pairs = pairs
        self.hints = hints
        self.help = help
    }

    /// The command `key` gives in `context` by this binding, if any.
    public func command(for key: Key, in context: KeyContext) -> KeyCommand? {
        guard contexts.contains(context) else { return nil }
        return pairs.first { $0.key == key }?.command
    }
}

extension Array where Element == KeyBinding.Pair {
    /// Pairs for `keys` all giving `command`.
    static func each(_ keys: [Key], _ command: KeyCommand) -> [KeyBinding.Pair] {
        keys.map { KeyBinding.Pair(key: $0, command: command) }
    }
}
