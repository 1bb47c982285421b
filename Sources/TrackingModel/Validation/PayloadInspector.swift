import Foundation

/// Reads a request body as trackscope's users paste or send it: parses it (reporting exactly where
/// the JSON breaks), checks the collect endpoint's size limits, splits batches, arrays and JSON
/// Lines into events, and validates each event with line and column on every finding.
public enum PayloadInspector {
    /// Codes of the payload-level findings (parse errors keep the parser's codes:
    /// `invalid-json`, `invalid-utf8`, `too-deep`, `empty-input`; parse warnings too:
    /// `byte-order-mark`, `duplicate-key`).
    public enum Code {
        public static let requestTooLarge = "request-too-large"
        public static let batchTooLarge = "batch-too-large"
        public static let eventTooLarge = "event-too-large"
        public static let invalidBatch = "invalid-batch"
        public static let batchNotWrapped = "batch-not-wrapped"
        public static let emptyBatch = "empty-batch"
    }

    /// Inspects `bytes` read as `form`.
    public static func inspect(bytes: [UInt8], form: PayloadForm) -> PayloadReport {
        inspect(bytes: bytes, form: form, now: Date())
    }

    /// Inspects `bytes` read as `form`, judging timestamps against `now`.
    public static func inspect(bytes: [UInt8], form: PayloadForm, now: Date) -> PayloadReport {
        let inspector = Inspector(bytes: bytes, now: now)
        switch form {
        case .event:
            return inspector.document(expecting: .event)
        case .batch:
            return inspector.document(expecting: .batch)
        case .automatic:
            if EventBody.isJSONLines(bytes) { return inspector.jsonLines() }
            return inspector.document(expecting: nil)
        }
    }

    // MARK: - Implementation

    private struct Inspector {
        let bytes: [UInt8]
        let now: Date

        /// One document: a single event or a batch. `expecting` nil means decide from the value.
        func document(expecting: PayloadReport.Shape?) -> PayloadReport {
            var findings: [Finding] = []
            let document: JSONDocument
            let map: JSONSourceMap
            do {
                (document, map) = try JSONParser.parseWithSourceMap(bytes)
            } catch {
                if expecting == .event, bytes.count > RequestLimits.requestBytes { findings.append(requestTooLarge()) }
                if expecting == .batch, bytes.count > RequestLimits.batchBytes { findings.append(batchTooLarge()) }
                findings.append(error.finding)
                return PayloadReport(shape: expecting ?? .event, events: [], findings: findings, byteCount: bytes.count)
            }
            findings += document.warnings.map(\.finding)
            let keysAreUnique = PayloadInspector.keysAreUnique(document)
            // Where the document's value starts (after a byte-order mark and whitespace), as the
            // parser found it.
            let start = map.start(of: JSONSourceMap.root)
            let value = document.value

            // Where the events are.
            var shape: PayloadReport.Shape
            var elementsStart: Int? = nil
            switch value {
            case .object(let object) where expecting == .batch ? object[EventBody.batchKey]?.arrayValue != nil
                : expecting == nil && EventBody.isBatch(object):
                shape = .batch
                elementsStart = valueStart(ofMember: "batch", inObjectAt: start)
            case .array where expecting != .event:
                shape = .array
                elementsStart = start
                if expecting == .batch {
                    findings.append(Finding(severity: .warning, code: Code.batchNotWrapped, path: "$",
                                            message: "The batch endpoint expects {\"batch\": [event, ...]}, not a bare array.",
                                            hint: "Wrap the array: {\"batch\": [...]}."))
                }
            default:
                shape = .event
                if expecting == .batch {
                    findings.append(Finding(severity: .error, code: Code.invalidBatch, path: "batch",
                                            message: "A batch body is {\"batch\": [event, ...]}; this is not one.",
                                            hint: "Send single events to /events, or wrap them in {\"batch\": [...]}."))
                }
            }

            if shape == .event {
                if expecting == .batch {
                    if bytes.count > RequestLimits.batchBytes { findings.insert(batchTooLarge(), at: 0) }
                } else if bytes.count > RequestLimits.requestBytes {
                    findings.insert(requestTooLarge(), at: 0)
                }
                let end = start < bytes.count ? endOfDocumentValue() : bytes.count
                let event = inspectEvent(value, range: start..<end, base: position(at: start), keysAreUnique: keysAreUnique,
                                         place: SourcePlace(map: map, entry: JSONSourceMap.root, origin: start))
                return PayloadReport(shape: .event, events: [event], findings: findings, byteCount: bytes.count)
            }

            if bytes.count > RequestLimits.batchBytes { findings.insert(batchTooLarge(), at: 0) }
            let values = (shape == .batch ? value["batch"]?.arrayValue : value.arrayValue) ?? []
            if values.isEmpty {
                findings.append(Finding(severity: .warning, code: Code.emptyBatch, path: shape == .batch ? "batch" : "$",
                                        message: "The batch holds no event."))
            }
            let ranges = elementsStart.map { elementRanges(ofArrayAt: $0) } ?? []
            let entries = elementsStart.map { elementEntries(ofArrayAt: $0, in: value, map: map, count: values.count) } ?? []
            var events: [InspectedEvent] = []
            events.reserveCapacity(values.count)
            var cursor = SourcePositionCounter()
            for (index, element) in values.enumerated() {
                let range = index < ranges.count ? ranges[index] : 0..<bytes.count
                let base = cursor.advance(to: range.lowerBound, in: bytes)
                let place = index < entries.count && map.start(of: entries[index]) == range.lowerBound
                    ? SourcePlace(map: map, entry: entries[index], origin: range.lowerBound) : nil
                var event = inspectEvent(element, range: range, base: base, keysAreUnique: keysAreUnique, place: place)
                if range.count > RequestLimits.eventInBatchBytes {
                    event.findings.insert(Finding(
                        severity: .error, code: Code.eventTooLarge, path: "$",
                        message: "This event is \(range.count) bytes; each event of a batch may have at most \(RequestLimits.eventInBatchBytes) (32 KB).",
                        line: base.line, column: base.column), at: 0)
                }
                events.append(event)
            }
            return PayloadReport(shape: shape, events: events, findings: findings, byteCount: bytes.count)
        }

        /// JSON Lines: each non-blank line is an event; a broken line is reported on its own line.
        func jsonLines() -> PayloadReport {
            var events: [InspectedEvent] = []
            var lineNumber = 0
            var lineStart = 0
            while lineStart < bytes.count || (lineStart == 0 && bytes.isEmpty) {
                lineNumber += 1
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                let next = lineEnd + 1
                var contentEnd = lineEnd
                if contentEnd > lineStart, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                defer { lineStart = next }
                let blank = bytes[lineStart..<contentEnd].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
                if blank { if bytes.isEmpty { break } else { continue } }
                let range = lineStart..<contentEnd
                let base = SourcePosition(offset: lineStart, line: lineNumber, column: 1)
                let lineBytes = Array(bytes[range])
                do {
                    let (document, map) = try JSONParser.parseWithSourceMap(lineBytes)
                    var event = inspectEvent(document.value, source: lineBytes, range: range, base: base,
                                             keysAreUnique: PayloadInspector.keysAreUnique(document),
                                             place: SourcePlace(map: map, entry: JSONSourceMap.root, origin: 0))
                    event.findings += document.warnings.map { shifted($0.finding, by: base) }
                    if range.count > RequestLimits.eventInBatchBytes {
                        event.findings.insert(Finding(
                            severity: .error, code: Code.eventTooLarge, path: "$",
                            message: "This event is \(range.count) bytes; an event may have at most \(RequestLimits.eventInBatchBytes) (32 KB).",
                            line: lineNumber, column: 1), at: 0)
                    }
                    events.append(event)
                } catch {
                    events.append(InspectedEvent(value: nil, dialect: .unknown, findings: [shifted(error.finding, by: base)],
                                                 byteRange: range, line: lineNumber))
                }
            }
            return PayloadReport(shape: .jsonLines, events: events, findings: [], byteCount: bytes.count)
        }

        /// Validates one event (whose source is `range` of the input) and places its findings;
        /// `keysAreUnique` when the parser found no repeated key in the input; `place`, where the
        /// parser saw the event's values (nil: the text is read again to find them).
        func inspectEvent(_ value: JSONValue, range: Range<Int>, base: SourcePosition, keysAreUnique: Bool,
                          place: SourcePlace?) -> InspectedEvent {
            let dialect = DialectDetector.detect(value)
            var (findings, paths) = EventValidator.validateWithPaths(value, dialect: dialect, now: now)
            if !findings.isEmpty {
                bytes.withUnsafeBytes { all in
                    locate(&findings, paths: paths, of: value, in: UnsafeRawBufferPointer(rebasing: all[range]), base: base,
                           keysAreUnique: keysAreUnique, place: place)
                }
            }
            return InspectedEvent(value: value, dialect: dialect, findings: findings, byteRange: range, line: base.line)
        }

        /// Validates one event whose source is `source` (a JSON Lines line starting at `base`).
        func inspectEvent(_ value: JSONValue, source: [UInt8], range: Range<Int>, base: SourcePosition,
                          keysAreUnique: Bool, place: SourcePlace) -> InspectedEvent {
            let dialect = DialectDetector.detect(value)
            var (findings, paths) = EventValidator.validateWithPaths(value, dialect: dialect, now: now)
            if !findings.isEmpty {
                source.withUnsafeBytes {
                    locate(&findings, paths: paths, of: value, in: $0, base: base, keysAreUnique: keysAreUnique, place: place)
                }
            }
            return InspectedEvent(value: value, dialect: dialect, findings: findings, byteRange: range, line: base.line)
        }

        /// Fills in the line and column of each finding from its path (`paths`, the validator's
        /// components of each) in `value`. All are found from the parser's map of the values
        /// (`place`), or else in one walk of the text; then one pass over the text, in offset
        /// order, turns them into lines and columns. A path is read back from the finding's text
        /// when its components might not be what that text reads as, so that the place is always
        /// the one of the text shown.
        private func locate(_ findings: inout [Finding], paths: [JSONPath], of value: JSONValue,
                            in source: UnsafeRawBufferPointer, base: SourcePosition, keysAreUnique: Bool,
                            place: SourcePlace?) {
            var wanted = paths
            for index in wanted.indices where !wanted[index].readsBackFromDescription {
                wanted[index] = JSONPath(parsing: findings[index].path)
            }
            let offsets: [Int?]
            if let place {
                offsets = wanted.map { place.map.offset(of: $0, in: value, at: place.entry) - place.origin }
            } else {
                offsets = JSONLocator.offsets(of: wanted, in: source, keysAreUnique: keysAreUnique)
            }
            var located: [(offset: Int, finding: Int)] = []
            located.reserveCapacity(findings.count)
            for (index, offset) in offsets.enumerated() {
                if let offset { located.append((offset, index)) }
            }
            located.sort { $0.offset < $1.offset }
            var counter = SourcePositionCounter()
            for (offset, index) in located {
                let placed = shift(counter.advance(to: offset, in: source), by: base)
                findings[index].line = placed.line
                findings[index].column = placed.column
            }
        }

        /// The line and column of byte `offset` (columns count Unicode scalars).
        func position(at offset: Int) -> SourcePosition {
            var cursor = SourcePositionCounter()
            return cursor.advance(to: offset, in: bytes)
        }

        // MARK: Where values are (in a document already known to be valid JSON)

        /// Runs `body` with a pull reader of the input at `offset`; nil when it fails.
        private func reading<T>(at offset: Int, _ body: (inout JSONPullReader) throws(JSONReadError) -> T) -> T? {
            bytes.withUnsafeBufferPointer { buffer -> T? in
                var reader = JSONPullReader(buffer, offset: offset)
                do throws(JSONReadError) {
                    return try body(&reader)
                } catch {
                    return nil
                }
            }
        }

        /// The offset just after the document's value, in a document the parser accepted: only
        /// whitespace may follow the value (the parser refuses anything else), so it is the offset
        /// after the last byte that is not whitespace; no second reading of the value is needed.
        func endOfDocumentValue() -> Int {
            var end = bytes.count
            while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D || bytes[end - 1] == 0x09 {
                end -= 1
            }
            return end
        }

        /// The map entries of the events of a batch or array whose elements start at `start`
        /// (`count` of them, in `value`, the document's value).
        func elementEntries(ofArrayAt start: Int, in value: JSONValue, map: JSONSourceMap, count: Int) -> [Int] {
            var array = JSONSourceMap.root
            if case .object(let object) = value {
                guard let entry = map.childEntry(startingAt: start, below: JSONSourceMap.root, count: object.count) else { return [] }
                array = entry
            }
            guard map.start(of: array) == start else { return [] }
            return map.elementEntries(ofArrayAt: array, count: count)
        }

        /// The ranges of the elements of the array opening at `start`.
        func elementRanges(ofArrayAt start: Int) -> [Range<Int>] {
            reading(at: start) { (reader: inout JSONPullReader) throws(JSONReadError) in
                var ranges: [Range<Int>] = []
                try reader.readArray { (reader: inout JSONPullReader) throws(JSONReadError) in
                    let elementStart = reader.offset
                    try reader.skipValue()
                    ranges.append(elementStart..<reader.offset)
                }
                return ranges
            } ?? []
        }

        /// Where the value of the member `key` starts in the object opening at `start` (the last
        /// one when the key is repeated, as lookups do).
        func valueStart(ofMember key: StaticString, inObjectAt start: Int) -> Int? {
            reading(at: start) { (reader: inout JSONPullReader) throws(JSONReadError) in
                var found: Int? = nil
                try reader.readObject { (reader: inout JSONPullReader, name: JSONPullKey) throws(JSONReadError) in
                    reader.skipWhitespace()
                    if name.matches(key) { found = reader.offset }
                    try reader.skipValue()
                }
                return found
            } ?? nil
        }

        func requestTooLarge() -> Finding {
            Finding(severity: .error, code: Code.requestTooLarge, path: "$",
                    message: "The request is \(bytes.count) bytes; the collect endpoint answers 400 above \(RequestLimits.requestBytes) (32 KB).",
                    hint: "Send fewer or smaller properties, or split the data over several events.")
        }

        func batchTooLarge() -> Finding {
            Finding(severity: .error, code: Code.batchTooLarge, path: "$",
                    message: "The batch is \(bytes.count) bytes; the batch endpoint answers 400 above \(RequestLimits.batchBytes) (500 KB).",
                    hint: "Split it into several batches.")
        }
    }

    /// Where the parser saw an event's values: entry `entry` of `map`, whose offsets count from
    /// `origin` in the text the event's findings are placed in.
    struct SourcePlace {
        let map: JSONSourceMap
        let entry: Int
        let origin: Int
    }

    /// Whether no object of `document` repeats a key (the parser reported none).
    static func keysAreUnique(_ document: JSONDocument) -> Bool {
        !document.warnings.contains { $0.code == "duplicate-key" }
    }

    /// A position inside a slice that starts at `base`, as a position in the whole input.
    static func shift(_ position: SourcePosition, by base: SourcePosition) -> SourcePosition {
        SourcePosition(
            offset: base.offset + position.offset,
            line: base.line + position.line - 1,
            column: position.line == 1 ? base.column + position.column - 1 : position.column)
    }

    static func shifted(_ finding: Finding, by base: SourcePosition) -> Finding {
        var finding = finding
        if let line = finding.line, let column = finding.column {
            let placed = shift(SourcePosition(offset: 0, line: line, column: column), by: base)
            finding.line = placed.line
            finding.column = placed.column
        }
        return finding
    }
}
