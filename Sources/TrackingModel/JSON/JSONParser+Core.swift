/// One open array or object while parsing.
struct JSONParserFrame {
    /// True for an object, false for an array.
    var isObject: Bool
    /// Where its elements (arrays) or members (objects) start on the parser's stacks.
    var start: Int
    /// Byte offset of its opening bracket.
    var open: Int
    /// How the parent refers to it: the index of the parent's pending member on the member stack
    /// (object parent) or the element index (array parent); -1 at the root.
    var parentSlot: Int
    /// Its entry in the source map being recorded (meaningless when none is).
    var mapEntry: Int
}

/// Where a member's key starts, and a fingerprint of its bytes.
struct JSONParserKeyInfo {
    var offset: Int
    var fingerprint: UInt64
}

/// The parser's state machine. Works on a raw pointer with an explicit stack of open containers.
struct JSONParserCore: ~Copyable {
    let p: UnsafePointer<UInt8>
    let n: Int
    var i = 0
    // First capacities of under 1 KB each (malloc's per-thread cache serves blocks up to about
    // 1 KB; larger ones take its slower path on every parse); the stacks double when needed.
    var values = JSONParserStack<JSONValue>(capacity: 40)
    var members = JSONParserStack<JSONObject.Member>(capacity: 24)
    /// Per member on `members`: where its key starts and a fingerprint of the key's bytes (0 when
    /// the key had escapes), so that duplicate detection compares integers first.
    var keyInfos = JSONParserStack<JSONParserKeyInfo>(capacity: 60)
    var frames = JSONParserStack<JSONParserFrame>(capacity: 16)
    var warnings: [JSONParseWarning] = []
    /// Reused buffer for strings with escapes.
    var scratch: [UInt8] = []
    /// Pre-built strings for the usual keys.
    let knownKeys = JSONKnownKeys.shared
    /// The deepest nesting accepted from here: `JSONParser.maximumDepth`, less the levels already
    /// open around the value when a pull reader hands a value inside its input to the parser.
    var depthLimit = JSONParser.maximumDepth
    /// Whether to record where each value is (`JSONSourceMap`), in `mapEntries`.
    var recordsSourceMap = false
    var mapEntries = JSONParserStack<JSONSourceMap.Entry>(capacity: 32)
    /// Where the key of the member whose value comes next starts; -1 when the next value is an
    /// element or the document's value.
    var pendingKeyOffset = -1

    init(bytes: UnsafePointer<UInt8>, count: Int) {
        self.p = bytes
        self.n = count
    }

    // MARK: - Document

    mutating func parseDocument() throws(JSONParseError) -> JSONDocument {
        if n >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF {
            i = 3
            warnings.append(JSONParseWarning(
                code: "byte-order-mark",
                message: "the input starts with a UTF-8 byte-order mark (U+FEFF), which JSON senders must not add",
                path: .root,
                position: SourcePosition(offset: 0, line: 1, column: 1)
            ))
        }
        skipWhitespace()
        if i >= n {
            let onlyMark = n == 3 && !warnings.isEmpty
            throw error(
                code: "empty-input",
                message: n == 0 || onlyMark ? "the input is empty" : "the input contains only whitespace",
                at: i
            )
        }
        let value = try parseRootValue()
        skipWhitespace()
        if i < n {
            throw structuralError("trailing content after the JSON value", at: i)
        }
        if warnings.count > 1 {
            warnings.sort { $0.position.offset < $1.position.offset }
        }
        return JSONDocument(value: value, warnings: warnings)
    }

    /// Parses the document as `parseDocument` does, recording where each value is.
    mutating func parseDocumentWithSourceMap() throws(JSONParseError) -> (JSONDocument, JSONSourceMap) {
        recordsSourceMap = true
        let document = try parseDocument()
        return (document, JSONSourceMap(entries: mapEntries.popArray(from: 0)))
    }

    /// Parses the one value at the start of the input (no whitespace before it) and stops after
    /// it: `i` is then its end. What follows it is left alone. Warnings are dropped.
    mutating func parseLeadingValue() throws(JSONParseError) -> JSONValue {
        try parseRootValue()
    }

    // MARK: - Values

    /// Parses the value at `i` and everything nested in it, iteratively.
    private mutating func parseRootValue() throws(JSONParseError) -> JSONValue {
        var value: JSONValue
        parseValue: while true {
            guard i < n else { throw unexpectedValueStart() }
            if recordsSourceMap { recordMapEntry() }
            switch p[i] {
            case UInt8(ascii: "\""):
                value = .string(try parseString())
            case UInt8(ascii: "{"):
                if frames.count >= depthLimit { throw tooDeep() }
                let open = i
                i &+= 1
                skipWhitespace()
                if i < n, p[i] == UInt8(ascii: "}") {
                    i &+= 1
                    value = .object(JSONObject())
                } else {
                    frames.push(JSONParserFrame(isObject: true, start: members.count, open: open, parentSlot: parentSlot(),
                                                 mapEntry: mapEntries.count &- 1))
                    try parseMemberKey(afterComma: false)
                    continue parseValue
                }
            case UInt8(ascii: "["):
                if frames.count >= depthLimit { throw tooDeep() }
                let open = i
                i &+= 1
                skipWhitespace()
                if i < n, p[i] == UInt8(ascii: "]") {
                    i &+= 1
                    value = .array([])
                } else {
                    frames.push(JSONParserFrame(isObject: false, start: values.count, open: open, parentSlot: parentSlot(),
                                                 mapEntry: mapEntries.count &- 1))
                    continue parseValue
                }
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                value = .number(try parseNumber())
            case UInt8(ascii: "t"):
                guard matchLiteral(0x72, 0x75, 0x65) else { throw unexpectedValueStart() }
                i &+= 4
                value = .bool(true)
            case UInt8(ascii: "f"):
                guard i &+ 5 <= n, p[i &+ 4] == UInt8(ascii: "e"), matchLiteral(0x61, 0x6C, 0x73) else {
                    throw unexpectedValueStart()
                }
                i &+= 5
                value = .bool(false)
            case UInt8(ascii: "n"):
                guard matchLiteral(0x75, 0x6C, 0x6C) else { throw unexpectedValueStart() }
                i &+= 4
                value = .null
            default:
                throw unexpectedValueStart()
            }

            // A value is complete: attach it to its container, closing containers as they end.
            while frames.count > 0 {
                let frame = frames[frames.count &- 1]
                if frame.isObject {
                    members.top.pointee.value = value
                    skipWhitespace()
                    if i < n {
                        let c = p[i]
                        if c == UInt8(ascii: ",") {
                            i &+= 1
                            skipWhitespace()
                            try parseMemberKey(afterComma: true)
                            continue parseValue
                        }
                        if c == UInt8(ascii: "}") {
                            i &+= 1
                            value = .object(closeObject(frame))
                            continue
                        }
                    }
                    throw afterMemberError()
                } else {
                    values.push(value)
                    skipWhitespace()
                    if i < n {
                        let c = p[i]
                        if c == UInt8(ascii: ",") {
                            i &+= 1
                            skipWhitespace()
                            continue parseValue
                        }
                        if c == UInt8(ascii: "]") {
                            i &+= 1
                            if recordsSourceMap { closeMapEntry(frame) }
                            _ = frames.pop()
                            value = .array(values.popArray(from: frame.start))
                            continue
                        }
                    }
                    throw afterElementError()
                }
            }
            return value
        }
    }

    /// True when the three bytes after `i` are `a b c` (for `true`, `null`, and `fals`).
    @inline(__always)
    private func matchLiteral(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        i &+ 4 <= n && p[i &+ 1] == a && p[i &+ 2] == b && p[i &+ 3] == c
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while i < n {
            let c = p[i]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
                i &+= 1
            } else {
                return
            }
        }
    }

    @inline(__always)
    private func parentSlot() -> Int {
        guard frames.count > 0 else { return -1 }
        let parent = frames[frames.count &- 1]
        return parent.isObject ? members.count &- 1 : values.count &- parent.start
    }

    /// Parses `"key"` and `:` at `i` (after `{` or `,`) and pushes a pending member.
    @inline(__always)
    private mutating func parseMemberKey(afterComma: Bool) throws(JSONParseError) {
        guard i < n, p[i] == UInt8(ascii: "\"") else { throw keyError(afterComma: afterComma) }
        let keyStart = i
        let (key, fingerprint) = try parseKey()
        skipWhitespace()
        guard i < n, p[i] == UInt8(ascii: ":") else {
            if i >= n { throw unexpectedEnd() }
            throw structuralError("expected ':' after object key", at: i)
        }
        i &+= 1
        skipWhitespace()
        members.push(JSONObject.Member(key: key, value: .null))
        keyInfos.push(JSONParserKeyInfo(offset: keyStart, fingerprint: fingerprint))
        pendingKeyOffset = keyStart
    }

    /// Records the value starting at `i` in the source map (its end is its own entry's next until
    /// it turns out to be a container with something in it: `closeMapEntry`).
    @inline(__always)
    private mutating func recordMapEntry() {
        let entry = mapEntries.count
        mapEntries.push(JSONSourceMap.Entry(key: pendingKeyOffset >= 0 ? pendingKeyOffset : i, start: i, next: entry &+ 1))
        pendingKeyOffset = -1
    }

    /// The container of `frame` has ended: what follows it in the map is the next entry recorded.
    @inline(__always)
    private mutating func closeMapEntry(_ frame: JSONParserFrame) {
        (mapEntries.base + frame.mapEntry).pointee.next = mapEntries.count
    }

    /// Pops the frame of a finished object and builds it, reporting duplicate keys.
    @inline(__always)
    private mutating func closeObject(_ frame: JSONParserFrame) -> JSONObject {
        let count = members.count &- frame.start
        if count > 1 { checkDuplicates(frame) }
        if recordsSourceMap { closeMapEntry(frame) }
        _ = frames.pop()
        keyInfos.truncate(to: frame.start)
        return JSONObject(members.popArray(from: frame.start))
    }

    private mutating func checkDuplicates(_ frame: JSONParserFrame) {
        let start = frame.start
        let end = members.count
        var duplicates: [Int] = []
        if end - start <= 32 {
            for j in (start + 1)..<end {
                let fingerprint = keyInfos[j].fingerprint
                for k in start..<j {
                    let other = keyInfos[k].fingerprint
                    if other == fingerprint || other == 0 || fingerprint == 0,
                       members[k].key.hasSameUTF8(as: members[j].key) {
                        duplicates.append(j)
                        break
                    }
                }
            }
        } else {
            var seen = Set<String>(minimumCapacity: end - start)
            for j in start..<end {
                let (inserted, existing) = seen.insert(members[j].key)
                if !inserted, existing.hasSameUTF8(as: members[j].key) { duplicates.append(j) }
            }
        }
        guard !duplicates.isEmpty else { return }
        let objectPath = currentPath()
        for j in duplicates {
            let key = members[j].key
            warnings.append(JSONParseWarning(
                code: "duplicate-key",
                message: "duplicate key \"\(key)\" in one object (the last value wins)",
                path: objectPath.appending(key),
                position: position(of: keyInfos[j].offset)
            ))
        }
    }

    /// The path of the innermost open container.
    private func currentPath() -> JSONPath {
        var components: [JSONPath.Component] = []
        if frames.count > 1 {
            for level in 1..<frames.count {
                let parent = frames[level - 1]
                let slot = frames[level].parentSlot
                components.append(parent.isObject ? .key(members[slot].key) : .index(slot))
            }
        }
        return JSONPath(components)
    }

    // MARK: - Numbers

    @inline(__always)
    private mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = i
        let end: Int
        do {
            end = try JSONScan.numberEnd(p, n, at: start)
        } catch {
            throw parseError(error)
        }
        i = end
        let literal = String(decoding: UnsafeBufferPointer(start: p + start, count: end &- start), as: UTF8.self)
        return JSONNumber(validatedLiteral: literal)
    }
}
