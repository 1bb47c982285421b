/// The records the user marked (`m`, `M`), by record index: what `d` compares and `r` replays.
public struct Marks: Sendable, Equatable {
    public private(set) var recordIndexes: Set<Int> = []

    public init() {}

    public var isEmpty: Bool { recordIndexes.isEmpty }
    public var count: Int { recordIndexes.count }

    public func contains(_ index: Int) -> Bool { recordIndexes.contains(index) }

    /// The marked indexes, in the log's order.
    public var sorted: [Int] { recordIndexes.sorted() }

    /// Marks `index`, or unmarks it when it is marked; returns whether it is marked now.
    @discardableResult
    public mutating func toggle(_ index: Int) -> Bool {
        if recordIndexes.remove(index) != nil { return false }
        recordIndexes.insert(index)
        return true
    }

    /// Marks every index of `indexes`; when all of them are marked already, unmarks everything.
    /// Returns whether they are marked now.
    @discardableResult
    public mutating func toggleAll(_ indexes: some Sequence<Int>) -> Bool {
        let wanted = Set(indexes)
        guard !wanted.isEmpty else { return false }
        if wanted.isSubset(of: recordIndexes) {
            recordIndexes = []
            return false
        }
        recordIndexes.formUnion(wanted)
        return true
    }

    /// Forgets marks at or past `count` (the log was replaced or truncated).
    public mutating func keep(below count: Int) {
        recordIndexes = recordIndexes.filter { $0 < count }
    }
}
