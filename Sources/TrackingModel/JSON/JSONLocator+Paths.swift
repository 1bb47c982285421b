extension JSONLocator {
    /// The byte offset of each of `paths` in `bytes`, each the one `offset(of:in:keysAreUnique:)`
    /// gives, in one reading of the text: the paths are merged on their common prefixes and the
    /// walk goes down only into values some path leads into (the others are skipped). Meant for
    /// text the parser accepted; on broken text, the offsets found before the break.
    static func offsets(of paths: [JSONPath], in bytes: UnsafeRawBufferPointer, keysAreUnique: Bool) -> [Int?] {
        guard let raw = bytes.baseAddress, bytes.count > 0 else { return paths.map { _ in nil } }
        // The walk recurses once per level of a path: paths deeper than any parsed document are
        // located one at a time (with a loop).
        if paths.contains(where: { $0.components.count > JSONParser.maximumDepth }) {
            return paths.map { offset(of: $0, in: bytes, keysAreUnique: keysAreUnique) }
        }
        var trie = JSONPathTrie(paths)
        var scanner = JSONLocatorScanner(
            core: JSONParserCore(bytes: raw.assumingMemoryBound(to: UInt8.self), count: bytes.count),
            keysAreUnique: keysAreUnique
        )
        if let start = scanner.documentValueStart() {
            trie.foundRoot(at: start)
            _ = scanner.walk(0, at: start, &trie)
        }
        return paths.indices.map { trie.offset(ofPath: $0) }
    }
}

extension JSONLocatorScanner {
    /// Walks the value of trie node `node` starting at `start`, recording on the trie where the
    /// nodes below it are. The offset after the value; nil when the text breaks off, or when
    /// every path is found and the keys are unique (the walk can stop).
    mutating func walk(_ node: Int, at start: Int, _ trie: inout JSONPathTrie) -> Int? {
        let here = trie.nodes[node]
        switch byte(start) {
        case UInt8(ascii: "{") where here.hasKeyChildren:
            var j = start + 1
            skipWhitespace(&j)
            if byte(j) == UInt8(ascii: "}") { return j + 1 }
            while byte(j) == UInt8(ascii: "\"") {
                let keyOffset = j
                guard let key = readMemberKey(&j) else { return nil }
                guard let end = follow(trie.child(of: node, key: key, in: core.p), found: keyOffset, at: j, &trie) else {
                    return nil
                }
                j = end
                guard nextMember(&j) else { break }
            }
            return byte(j) == UInt8(ascii: "}") ? j + 1 : nil
        case UInt8(ascii: "[") where here.hasIndexChildren:
            var j = start + 1
            skipWhitespace(&j)
            if byte(j) == UInt8(ascii: "]") { return j + 1 }
            guard j < n else { return nil }
            var index = 0
            while true {
                guard let end = follow(trie.child(of: node, index: index), found: j, at: j, &trie) else { return nil }
                j = end
                guard nextMember(&j) else { break }
                index += 1
            }
            return byte(j) == UInt8(ascii: "]") ? j + 1 : nil
        default:
            return skipValue(at: start)
        }
    }

    /// The value at `start` of a member or element: walked when it is trie node `child` (found
    /// at `offset`), skipped otherwise. The offset after it, as `walk`.
    private mutating func follow(_ child: Int?, found offset: Int, at start: Int, _ trie: inout JSONPathTrie) -> Int? {
        guard let child else { return skipValue(at: start) }
        trie.found(child, at: offset, valueStart: start)
        if keysAreUnique, trie.remaining == 0 { return nil }
        if trie.nodes[child].firstChild < 0 { return skipValue(at: start) }
        return walk(child, at: start, &trie)
    }
}
