/// A JSON object that keeps its members in source order, duplicates included.
public struct JSONObject: Sendable, Hashable {
    /// One `"key": value` pair.
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members in source order.
    public var members: [Member]

    public init(_ members: [Member] = []) {
        self.members = members
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }

    /// The keys in source order (duplicates repeated).
    public var keys: [String] { members.map(\.key) }

    /// The value of `key`; with duplicates, the last one wins (as in JavaScript).
    public subscript(key: String) -> JSONValue? {
        get {
            // The members are read in place (a loop over `members.reversed()` copied each one).
            members.lastIndex { $0.key == key }.map { members[$0].value }
        }
        set {
            if let newValue {
                if let index = members.lastIndex(where: { $0.key == key }) {
                    members[index].value = newValue
                } else {
                    members.append(Member(key: key, value: newValue))
                }
            } else {
                members.removeAll { $0.key == key }
            }
        }
    }

    /// Keys that appear more than once, in order of their first repetition.
    public var duplicateKeys: [String] {
        var seen = Set<String>()
        var duplicates: [String] = []
        for member in members where !seen.insert(member.key).inserted {
            if !duplicates.contains(member.key) { duplicates.append(member.key) }
        }
        return duplicates
    }
}
