import CaptureLog

/// The diff of two marked records (`d`): their indexes, the records once the loop read them, and
/// the changes between their events.
public struct DiffState: Sendable, Equatable {
    public var firstIndex: Int
    public var secondIndex: Int
    public var first: CaptureRecord?
    public var second: CaptureRecord?
    /// The changes from the first record's events to the second's, once both are loaded.
    public var changes: [EventTreeDiff.Change]?
    /// The first diff line on screen.
    public var scroll = 0

    public init(firstIndex: Int, secondIndex: Int) {
        self.firstIndex = firstIndex
        self.secondIndex = secondIndex
    }

    /// The record the loop still has to read.
    public var pendingIndex: Int? {
        if first == nil { return firstIndex }
        if second == nil { return secondIndex }
        return nil
    }

    /// Keeps `record` (read for `index`) and computes the changes once both are there.
    public mutating func load(_ record: CaptureRecord, index: Int) {
        if index == firstIndex, first == nil { first = record } else if index == secondIndex { second = record }
        if let first, let second {
            changes = EventTreeDiff.changes(from: EventTreeBuilder.tree(for: first), to: EventTreeBuilder.tree(for: second))
        }
    }
}
