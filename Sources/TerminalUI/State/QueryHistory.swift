/// The filter queries applied, newest last, bounded, and the walk through them with ↑ and ↓.
/// Kept between runs by the application (TerminalApp's `QueryHistoryFile`).
public struct QueryHistory: Sendable, Hashable {
    /// How many queries are kept.
    public static let limit = 100

    /// Oldest first; no empty entries, no repeats.
    public private(set) var entries: [String]
    /// The entry on view while walking (nil: the line being typed).
    private var position: Int?
    /// What was being typed when the walk began, given back past the newest entry.
    private var stash = ""

    public init(_ entries: [String] = []) {
        self.entries = []
        for entry in entries { record(entry) }
    }

    /// Adds `query` as the newest entry (moving it there when it was already kept) and ends a walk.
    public mutating func record(_ query: String) {
        let query = query.trimmingSpaces
        endWalk()
        guard !query.isEmpty, !query.contains(where: \.isNewline) else { return }
        entries.removeAll { $0 == query }
        entries.append(query)
        if entries.count > Self.limit { entries.removeFirst(entries.count - Self.limit) }
    }

    /// The entry before the one on view (the newest when the walk begins, with `current` kept to
    /// come back to); nil at the oldest.
    public mutating func older(than current: String) -> String? {
        let next = (position ?? entries.count) - 1
        guard next >= 0, next < entries.count else { return nil }
        if position == nil { stash = current }
        position = next
        return entries[next]
    }

    /// The entry after the one on view, or what was typed before the walk; nil when not walking.
    public mutating func newer() -> String? {
        guard let position else { return nil }
        if position + 1 < entries.count {
            self.position = position + 1
            return entries[position + 1]
        }
        self.position = nil
        return stash
    }

    /// Forgets the walk (after an edit, the line is the user's again).
    public mutating func endWalk() {
        position = nil
        stash = ""
    }
}
