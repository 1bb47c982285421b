/// A fixed list of names looked up by the parser's key fingerprint, in open addressing: cheaper
/// than hashing the String, on every member of every event the validator reads. Answers as a
/// `String` comparison does: where a name is not all ASCII, a dictionary (the only way to match
/// canonically equivalent spellings) answers instead.
struct NameIndex: Sendable {
    private let names: [String]
    /// 1 + the position of a name, 0 empty.
    private let slots: [Int]
    private let mask: Int
    private let byString: [String: Int]
    /// Some name is not all ASCII: the dictionary answers every lookup.
    private let hasNonASCIIName: Bool

    /// Indexes `names`; a repeated name stands for its last position.
    init(_ names: [String]) {
        var capacity = 8
        while capacity < names.count * 2 { capacity *= 2 }
        var slots = [Int](repeating: 0, count: capacity)
        var byString: [String: Int] = [:]
        for (position, name) in names.enumerated() {
            var slot = JSONKnownKeys.slot(JSONParserCore.fingerprint(of: name), mask: capacity - 1)
            while slots[slot] != 0, !names[slots[slot] - 1].hasSameUTF8(as: name) {
                slot = (slot + 1) & (capacity - 1)
            }
            slots[slot] = position + 1
            byString[name] = position
        }
        self.names = names
        self.slots = slots
        self.mask = capacity - 1
        self.byString = byString
        self.hasNonASCIIName = names.contains { $0.utf8.contains { $0 >= 0x80 } }
    }

    /// The position of `name` in the list (the last one when repeated); nil when it is not there.
    func position(of name: String) -> Int? {
        // Names of other scripts may repeat one another under other spellings: the dictionary
        // decides which is last.
        if hasNonASCIIName { return byString[name] }
        var slot = JSONKnownKeys.slot(JSONParserCore.fingerprint(of: name), mask: mask)
        while slots[slot] != 0 {
            let position = slots[slot] - 1
            if names[position] == name { return position }
            slot = (slot + 1) & mask
        }
        // Equal bytes have equal fingerprints; other bytes can still be an equal String (to an
        // ASCII name) only when they are not all ASCII.
        return name.utf8.contains { $0 >= 0x80 } ? byString[name] : nil
    }

    func contains(_ name: String) -> Bool {
        position(of: name) != nil
    }
}

extension NameIndex: ExpressibleByArrayLiteral {
    init(arrayLiteral names: String...) {
        self.init(names)
    }
}
