/// The paths one walk of a JSON text looks for (`JSONLocator.offsets(of:in:keysAreUnique:)`),
/// merged on their common prefixes: one node per distinct prefix, the root (the empty path) first.
/// The walk records on each node where it found it; `offset(ofPath:)` then answers as
/// `JSONLocator.offset(of:in:keysAreUnique:)` does for that path alone.
struct JSONPathTrie {
    struct Node {
        /// The node above (-1 for the root).
        var parent: Int
        /// The member key this node stands for (its UTF-8 bytes in `keyBytes`), or the element
        /// index when `index` is not nil.
        var keyStart = 0
        var keyCount = 0
        var index: Int? = nil
        var firstChild = -1
        var nextSibling = -1
        var hasKeyChildren = false
        var hasIndexChildren = false
        /// Some path ends here.
        var isTarget = false
        /// Where the walk found it: its key (a member) or the element itself; -1 when not found.
        var found = -1
        /// Where its value starts; -1 when not found.
        var valueStart = -1
    }

    private(set) var nodes: [Node]
    private var keyBytes: [UInt8] = []
    /// For each path, the node where it ends.
    private var ends: [Int] = []
    /// Targets not found yet (meaningful when no object repeats a key: each node is found once).
    private(set) var remaining = 0

    init(_ paths: [JSONPath]) {
        nodes = [Node(parent: -1)]
        nodes.reserveCapacity(paths.count * 3 + 1)
        ends.reserveCapacity(paths.count)
        keyBytes.reserveCapacity(paths.count * 32)
        for path in paths {
            var node = 0
            for component in path.components {
                node = child(of: node, component)
            }
            if node != 0, !nodes[node].isTarget {
                nodes[node].isTarget = true
                remaining += 1
            }
            ends.append(node)
        }
    }

    /// The child of `node` for `component`, added when missing.
    private mutating func child(of node: Int, _ component: JSONPath.Component) -> Int {
        var candidate = nodes[node].firstChild
        var last = -1
        while candidate >= 0 {
            switch component {
            case .key(let key):
                if nodes[candidate].index == nil, hasKey(candidate, key) { return candidate }
            case .index(let index):
                if nodes[candidate].index == index { return candidate }
            }
            last = candidate
            candidate = nodes[candidate].nextSibling
        }
        var added = Node(parent: node)
        switch component {
        case .key(let key):
            added.keyStart = keyBytes.count
            if key.utf8.withContiguousStorageIfAvailable({ keyBytes.append(contentsOf: $0) }) == nil {
                keyBytes.append(contentsOf: Array(key.utf8))
            }
            added.keyCount = keyBytes.count - added.keyStart
            nodes[node].hasKeyChildren = true
        case .index(let index):
            added.index = index
            nodes[node].hasIndexChildren = true
        }
        let new = nodes.count
        nodes.append(added)
        if last >= 0 { nodes[last].nextSibling = new } else { nodes[node].firstChild = new }
        return new
    }

    /// Whether `node` stands for the member key `key`.
    private func hasKey(_ node: Int, _ key: String) -> Bool {
        guard nodes[node].keyCount == key.utf8.count else { return false }
        var offset = nodes[node].keyStart
        for byte in key.utf8 {
            if keyBytes[offset] != byte { return false }
            offset += 1
        }
        return true
    }

    /// The child of `node` standing for the member key `key` (read from `source`), if any.
    func child(of node: Int, key: JSONLocatorKey, in source: UnsafePointer<UInt8>) -> Int? {
        keyBytes.withUnsafeBufferPointer { bytes in
            var candidate = nodes[node].firstChild
            while candidate >= 0 {
                let child = nodes[candidate]
                if child.index == nil,
                   key.matches(UnsafeBufferPointer(rebasing: bytes[child.keyStart..<(child.keyStart + child.keyCount)]), in: source) {
                    return candidate
                }
                candidate = child.nextSibling
            }
            return nil
        }
    }

    /// The child of `node` standing for element `index`, if any.
    func child(of node: Int, index: Int) -> Int? {
        var candidate = nodes[node].firstChild
        while candidate >= 0 {
            if nodes[candidate].index == index { return candidate }
            candidate = nodes[candidate].nextSibling
        }
        return nil
    }

    /// Records that the walk found `node` at `offset` (its key, or the element), its value at
    /// `valueStart`. A node found again (a repeated key: the last one wins) forgets what was found
    /// under it before.
    mutating func found(_ node: Int, at offset: Int, valueStart: Int) {
        if nodes[node].found >= 0 {
            forgetBelow(node)
        } else if nodes[node].isTarget {
            remaining -= 1
        }
        nodes[node].found = offset
        nodes[node].valueStart = valueStart
    }

    /// Records where the root value starts.
    mutating func foundRoot(at offset: Int) {
        nodes[0].valueStart = offset
    }

    private mutating func forgetBelow(_ node: Int) {
        var child = nodes[node].firstChild
        while child >= 0 {
            if nodes[child].found >= 0 {
                nodes[child].found = -1
                nodes[child].valueStart = -1
                forgetBelow(child)
            }
            child = nodes[child].nextSibling
        }
    }

    /// The offset of path number `path`: where it was found, else the value of its nearest found
    /// ancestor; nil when not even the root was.
    func offset(ofPath path: Int) -> Int? {
        let end = ends[path]
        if end != 0, nodes[end].found >= 0 { return nodes[end].found }
        var node = end
        while node >= 0 {
            if nodes[node].valueStart >= 0 { return nodes[node].valueStart }
            node = nodes[node].parent
        }
        return nil
    }
}
