/// Where each value of a parsed document is in its text, recorded by the parser as it reads
/// (`JSONParser.parseWithSourceMap`), so that a finding made on the parsed value is placed without
/// reading the text a second time (`JSONLocator` does that for text parsed without a map).
///
/// One entry per value, in the order the values start in the text (the document's value first,
/// then each member's value or element before the values nested in it).
public struct JSONSourceMap: Sendable {
    /// One value's place in the text.
    struct Entry: Sendable {
        /// Where the member's key starts (its opening quote); the value's start for an element or
        /// the document's value.
        var key: Int
        /// Where the value starts.
        var start: Int
        /// The entry after this value and everything nested in it.
        var next: Int
    }

    let entries: [Entry]

    init(entries: [Entry]) {
        self.entries = entries
    }

    /// How many values the document holds.
    public var count: Int { entries.count }

    /// The entry of the document's value.
    public static let root = 0

    /// The byte offset of `path` below the value of entry `entry` (`value`, the value parsed there):
    /// the one `JSONLocator.offset(of:in:keysAreUnique:)` gives for the text of that value (the
    /// member's key when the path ends in an existing key, the element when it ends in an existing
    /// index, the nearest existing ancestor's value when the tail is missing; with repeated keys,
    /// the last member named), but counted from the start of the whole text. Keys are compared by
    /// their UTF-8, as the locator does. `value` must be the value parsed at `entry`; given another,
    /// the offset is meaningless (but the call stays within the map).
    public func offset(of path: JSONPath, in value: JSONValue, at entry: Int = JSONSourceMap.root) -> Int {
        guard entries.indices.contains(entry) else { return 0 }
        var node = entry
        var current = value
        let components = path.components
        for (position, component) in components.enumerated() {
            let isLast = position == components.count - 1
            switch component {
            case .key(let wanted):
                guard case .object(let object) = current else { return entries[node].start }
                var wanted = wanted
                let found = wanted.withUTF8 { wanted -> (entry: Int, member: Int)? in
                    var child = node + 1
                    var found: (entry: Int, member: Int)?
                    for index in object.members.indices {
                        guard child < entries.count else { break }
                        if object.members[index].key.hasSameUTF8(as: wanted) { found = (child, index) }
                        child = entries[child].next
                    }
                    return found
                }
                guard let found else { return entries[node].start }
                if isLast { return entries[found.entry].key }
                node = found.entry
                current = object.members[found.member].value
            case .index(let wanted):
                guard case .array(let elements) = current, wanted >= 0, wanted < elements.count else {
                    return entries[node].start
                }
                var child = node + 1
                for _ in 0..<wanted where child < entries.count { child = entries[child].next }
                guard child < entries.count else { return entries[node].start }
                if isLast { return entries[child].start }
                node = child
                current = elements[wanted]
            }
        }
        return entries[node].start
    }

    /// The entries of the elements of the array at entry `entry` (holding `count` elements).
    func elementEntries(ofArrayAt entry: Int, count: Int) -> [Int] {
        var entries: [Int] = []
        entries.reserveCapacity(count)
        var child = entry + 1
        for _ in 0..<count where child < self.entries.count {
            entries.append(child)
            child = self.entries[child].next
        }
        return entries
    }

    /// The entry of the value starting at byte `offset` among the members or elements of the
    /// container at entry `entry` (holding `count` of them); nil when none starts there.
    func childEntry(startingAt offset: Int, below entry: Int, count: Int) -> Int? {
        var child = entry + 1
        for _ in 0..<count where child < entries.count {
            if entries[child].start == offset { return child }
            child = entries[child].next
        }
        return nil
    }

    /// Where the value of entry `entry` starts.
    func start(of entry: Int) -> Int { entries[entry].start }
}
