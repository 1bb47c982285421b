import SeededRandom
import Testing
import TrackingModel

@Suite struct JSONLocatorTests {
    private func locate(_ path: String, in bytes: [UInt8]) -> SourcePosition? {
        JSONLocator.position(of: JSONPath(parsing: path), in: bytes)
    }

    private func locate(_ path: String, in text: String) -> SourcePosition? {
        locate(path, in: Array(text.utf8))
    }

    @Test func findsKeysAndElementsInTheLegacyExample() throws {
        let bytes = try JSONParserFixture.bytes("legacy-brief-corrected.json")
        #expect(locate("$", in: bytes) == SourcePosition(offset: 0, line: 1, column: 1))
        #expect(locate("event", in: bytes)?.description == "2:3")
        #expect(locate("properties.user.email", in: bytes)?.description == "8:11")
        #expect(locate("properties.user.consent_categories", in: bytes)?.description == "9:11")
        #expect(locate("properties.user.consent_categories[1]", in: bytes)?.description == "9:36")
        #expect(locate("device.cookies", in: bytes)?.description == "15:5")
        #expect(locate("eventTimestamp", in: bytes)?.description == "17:2")
    }

    @Test func missingTailGivesTheNearestAncestorsBracket() throws {
        let bytes = try JSONParserFixture.bytes("legacy-brief-corrected.json")
        #expect(locate("properties.user.phone", in: bytes)?.description == "6:15")
        #expect(locate("properties.missing.deeper", in: bytes)?.description == "4:17")
        #expect(locate("properties.user.consent_categories[5]", in: bytes)?.description == "9:33")
        #expect(locate("nothing", in: bytes)?.description == "1:1")
        // A key asked of a string: the string itself is the nearest existing value.
        #expect(locate("event.name", in: bytes)?.description == "2:12")
        #expect(locate("properties[0]", in: bytes)?.description == "4:17")
    }

    @Test func findsBatchElements() throws {
        let bytes = try JSONParserFixture.bytes("v2-batch-corrected.json")
        #expect(locate("batch[1]", in: bytes)?.description == "21:7")
        #expect(locate("batch[1].user.consent_categories", in: bytes)?.description == "26:13")
        #expect(locate("batch[0].context.event_id", in: bytes)?.description == "15:11")
        #expect(locate("batch[2]", in: bytes)?.description == "2:12")
    }

    @Test func worksOnTheInvalidVendorExampleBeforeTheError() throws {
        let bytes = try JSONParserFixture.bytes("legacy-brief-published.json")
        #expect(locate("eventId", in: bytes)?.description == "3:3")
    }

    @Test func lastDuplicateWinsAsOnLookup() {
        #expect(locate("a", in: #"{"a":1,"a":2}"#)?.offset == 7)
        #expect(locate("a.b", in: #"{"a":{"b":1},"a":{"c":2}}"#)?.offset == 17)
    }

    @Test func handlesEscapesBOMAndOddInput() {
        #expect(locate("ab", in: #"{"x":"}\"]","\u0061b":[1]}"#)?.offset == 12)
        #expect(locate("ab[0]", in: #"{"x":"}\"]","\u0061b":[1]}"#)?.offset == 23)
        #expect(locate("a", in: [0xEF, 0xBB, 0xBF] + Array(#"{"a":1}"#.utf8)) == SourcePosition(offset: 4, line: 1, column: 2))
        #expect(locate("$", in: "") == nil)
        #expect(locate("a", in: "  \n ") == nil)
        #expect(locate("[0]", in: "[]")?.offset == 0)
        #expect(locate("[-1]", in: "[1]")?.offset == 0)
        #expect(locate("a", in: "{\"a\"")?.offset == 0)
        #expect(locate("a", in: "[1,2")?.offset == 0)
    }

    @Test(arguments: [7 as UInt64, 8])
    func everyPathOfARandomDocumentPointsAtItsText(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        for _ in 0..<60 {
            let value = RandomJSON.value(using: &random)
            let bytes = Array(JSONPrinter.pretty(value).utf8)
            for (path, expected) in Self.paths(in: value) {
                let offset = try #require(JSONLocator.position(of: path, in: bytes)?.offset)
                #expect(bytes[offset...].starts(with: expected.utf8), "\(path) in \(String(decoding: bytes, as: UTF8.self))")
            }
        }
    }

    /// With `keysAreUnique` (what the payload inspector passes when the parser found no repeated
    /// key) a member's search stops at its first match: every offset is the one a full read of
    /// the object gives, for existing paths, missing tails and the fixtures alike.
    @Test(arguments: [7 as UInt64, 8, 9])
    func stoppingAtTheFirstMatchOfUniqueKeysFindsTheSameOffsets(seed: UInt64) throws {
        let documents = try Self.fixturesAndRandomDocuments(seed: seed)
        var compared = 0
        for bytes in documents {
            let document = try JSONParser.parse(bytes)
            guard !document.warnings.contains(where: { $0.code == "duplicate-key" }) else { continue }
            var paths = Self.paths(in: document.value).map(\.0)
            paths += paths.map { $0.appending("missing") } + paths.map { $0.appending(3) } + [.root, JSONPath(parsing: "nothing.deeper")]
            for path in paths {
                let full = bytes.withUnsafeBytes { JSONLocator.offset(of: path, in: $0) }
                let first = bytes.withUnsafeBytes { JSONLocator.offset(of: path, in: $0, keysAreUnique: true) }
                #expect(first == full, "\(path) in \(String(decoding: bytes, as: UTF8.self))")
                compared += 1
            }
        }
        #expect(compared > 500)
    }

    /// The event fixtures, then 60 random documents, each pretty and compact.
    static func fixturesAndRandomDocuments(seed: UInt64) throws -> [[UInt8]] {
        var random = SeededRandom(seed: seed)
        var documents: [[UInt8]] = try ["legacy-brief-corrected.json", "v1-search.json", "v2-search.json", "v2-batch-corrected.json"]
            .map { try JSONParserFixture.bytes($0) }
        for _ in 0..<60 {
            let value = RandomJSON.value(using: &random)
            documents.append(Array(JSONPrinter.pretty(value).utf8))
            documents.append(JSONPrinter.compactBytes(value))
        }
        return documents
    }

    /// Every path in `value` with the text its position must start with: the quoted key for a member
    /// (the last of duplicates), the compact first line of the element for an array element.
    static func paths(in value: JSONValue, at path: JSONPath = .root) -> [(JSONPath, String)] {
        var result: [(JSONPath, String)] = []
        switch value {
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                let first = JSONPrinter.pretty(element).split(separator: "\n", omittingEmptySubsequences: false)[0]
                result.append((path.appending(index), String(first)))
                result += paths(in: element, at: path.appending(index))
            }
        case .object(let object):
            for member in object.members where object[member.key] == member.value {
                result.append((path.appending(member.key), JSONPrinter.quoted(member.key)))
                result += paths(in: member.value, at: path.appending(member.key))
            }
        default:
            break
        }
        return result
    }
}
