extension EventBody {
    /// The event names of a body, as `read(bytes).eventNames` gives them (none when the body is not
    /// JSON), read with `JSONPullReader` without building the JSON tree.
    public static func names(inBody bytes: [UInt8]) -> [String] {
        bytes.withUnsafeBufferPointer { names(inBody: $0) }
    }

    /// The event names of a body held in `buffer` (see `names(inBody:)` for `[UInt8]`).
    public static func names(inBody buffer: UnsafeBufferPointer<UInt8>) -> [String] {
        if let names = try? documentNames(buffer) { return names }
        // Not one document: maybe JSON Lines, every non-blank line a document, the first an object
        // (so a body whose first character is not `{` is not JSON Lines: no need to split it).
        var first = JSONPullReader(buffer)
        first.skipWhitespace()
        skipByteOrderMark(&first)
        guard first.peek() == UInt8(ascii: "{") else { return [] }
        var lines: [Range<Int>] = []
        var start = 0
        while start < buffer.count {
            var end = start
            var blank = true
            while end < buffer.count, buffer[end] != 0x0A {
                let c = buffer[end]
                if c != 0x20 && c != 0x09 && c != 0x0D { blank = false }
                end += 1
            }
            if !blank { lines.append(start..<end) }
            start = end + 1
        }
        guard lines.count >= 2 else { return [] }
        var names: [String] = []
        for (index, line) in lines.enumerated() {
            do throws(JSONReadError) {
                var reader = JSONPullReader(UnsafeBufferPointer(rebasing: buffer[line]))
                skipByteOrderMark(&reader)
                if index == 0, reader.peek() != UInt8(ascii: "{") { return [] }
                let name = try eventName(&reader)
                reader.skipWhitespace()
                guard reader.isAtEnd else { return [] }
                if let name { names.append(name) }
            } catch {
                return []
            }
        }
        return names
    }

    /// The names of the events of the one document in `buffer` (a byte-order mark may start it).
    private static func documentNames(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONReadError) -> [String] {
        var reader = JSONPullReader(buffer)
        skipByteOrderMark(&reader)
        var names: [String] = []
        switch reader.peek() {
        case UInt8(ascii: "[")?:
            try reader.readArray { (reader: inout JSONPullReader) throws(JSONReadError) in
                if let name = try eventName(&reader) { names.append(name) }
            }
        case UInt8(ascii: "{")?:
            let object = try readTopObject(&reader)
            if !object.hasOwnName, let batch = object.batch {
                names = batch
            } else if let name = object.name {
                names = [name]
            }
        default:
            try reader.skipValue()
        }
        reader.skipWhitespace()
        guard reader.isAtEnd else { throw reader.fail("unexpected text after the value") }
        return names
    }

    /// What naming a top-level object needs: its name, whether it has a name key at all, and the
    /// names of the events of its `batch` when that is an array (the last of repeated keys counts).
    private static func readTopObject(_ reader: inout JSONPullReader) throws(JSONReadError) -> (name: String?, hasOwnName: Bool, batch: [String]?) {
        var name: String?
        var legacy: String?
        var hasOwnName = false
        var batch: [String]?
        try reader.readObject { (reader: inout JSONPullReader, key: JSONPullKey) throws(JSONReadError) in
            if key.matches("event_name") {
                hasOwnName = true
                name = try stringOrSkip(&reader)
            } else if key.matches("event") {
                hasOwnName = true
                legacy = try stringOrSkip(&reader)
            } else if key.matches("batch"), reader.peek() == UInt8(ascii: "[") {
                var list: [String] = []
                try reader.readArray { (reader: inout JSONPullReader) throws(JSONReadError) in
                    if let name = try eventName(&reader) { list.append(name) }
                }
                batch = list
            } else {
                if key.matches("batch") { batch = nil }
                try reader.skipValue()
            }
        }
        return (name ?? legacy, hasOwnName, batch)
    }

    /// Reads one value (an event) and returns its name when it is an object that has one.
    private static func eventName(_ reader: inout JSONPullReader) throws(JSONReadError) -> String? {
        guard reader.peek() == UInt8(ascii: "{") else {
            try reader.skipValue()
            return nil
        }
        var name: String?
        var legacy: String?
        try reader.readObject { (reader: inout JSONPullReader, key: JSONPullKey) throws(JSONReadError) in
            if key.matches("event_name") {
                name = try stringOrSkip(&reader)
            } else if key.matches("event") {
                legacy = try stringOrSkip(&reader)
            } else {
                try reader.skipValue()
            }
        }
        return name ?? legacy
    }

    /// The string value next, or nil after stepping over a value of another type.
    private static func stringOrSkip(_ reader: inout JSONPullReader) throws(JSONReadError) -> String? {
        if reader.peek() == UInt8(ascii: "\"") { return try reader.readString() }
        try reader.skipValue()
        return nil
    }

    /// A UTF-8 byte-order mark at the reader's offset is stepped over, as `JSONParser` does at the
    /// start of its input.
    private static func skipByteOrderMark(_ reader: inout JSONPullReader) {
        let o = reader.offset
        if o + 3 <= reader.end, reader.byte(at: o) == 0xEF, reader.byte(at: o + 1) == 0xBB, reader.byte(at: o + 2) == 0xBF {
            reader.offset = o + 3
        }
    }
}
