import SeededRandom
import Testing
@testable import TrackingModel

/// The parser's map of where each value is (`JSONParser.parseWithSourceMap`) places every path where
/// `JSONLocator`, which reads the text again, places it: for existing paths, missing tails, indexes
/// out of range, keys asked of arrays and scalars, repeated keys, escaped keys, byte-order marks.
@Suite struct JSONSourceMapTests {
    /// The paths whose map offset differs from the locator's, in `bytes`.
    private func mismatches(_ paths: [JSONPath], in bytes: [UInt8]) throws -> [JSONPath] {
        let (document, map) = try JSONParser.parseWithSourceMap(bytes)
        return bytes.withUnsafeBytes { buffer in
            paths.filter { JSONLocator.offset(of: $0, in: buffer) != map.offset(of: $0, in: document.value) }
        }
    }

    @Test(arguments: [11 as UInt64, 12, 13])
    func theMapPlacesEveryPathWhereTheLocatorDoes(seed: UInt64) throws {
        var documents = try JSONLocatorTests.fixturesAndRandomDocuments(seed: seed)
        documents += [
            #"{"a":{"b":1,"c":[1,{"d":2}]},"a":{"c":[3]},"a":"x"}"#, #"{"a":{"b":1},"a":{"c":2}}"#,
            #"{"x":"}\"]","\u0061b":[1],"ab":[2,[3,[4]]]}"#, "[[1,[2,3]],{\"a\":[]},[]]", "7", #""text""#, "[]", "{}",
            " \n\t{ \"a\" : [ { } , [ ] , { \"b\" : null } ] }\r\n",
        ].map { Array($0.utf8) }
        documents.append([0xEF, 0xBB, 0xBF] + Array(#" {"a":{"b":[true]}}"#.utf8))
        var compared = 0
        for bytes in documents {
            let value = try JSONParser.parse(bytes).value
            var paths = JSONLocatorPathsTests.allPaths(in: value)
            paths += paths.map { $0.appending("missing") } + paths.map { $0.appending(3) } + paths.map { $0.appending(-1) }
            paths += [.root, JSONPath(parsing: "nothing.deeper"), JSONPath(parsing: "[0][1]"), JSONPath(parsing: "a.c[1].d")]
            #expect(try mismatches(paths, in: bytes) == [], "\(String(decoding: bytes, as: UTF8.self))")
            compared += paths.count
        }
        #expect(compared > 1500)
    }

    @Test func oneEntryPerValueInTheOrderTheyStart() throws {
        let bytes = Array(#"{"a": [1, {"b": "x"}], "c": {}, "d": null}"#.utf8)
        let (document, map) = try JSONParser.parseWithSourceMap(bytes)
        // The object, a, 1, {"b"...}, b, c, d.
        #expect(map.count == 7)
        #expect((0..<map.count).map { map.start(of: $0) } == [0, 6, 7, 10, 16, 28, 37])
        #expect(map.offset(of: "a", in: document.value) == 1)
        #expect(map.offset(of: "a[1].b", in: document.value) == 11)
        #expect(map.offset(of: "d", in: document.value) == 32)
        #expect(map.elementEntries(ofArrayAt: 1, count: 2) == [2, 3])
        #expect(map.childEntry(startingAt: 28, below: JSONSourceMap.root, count: 3) == 5)
        #expect(map.childEntry(startingAt: 29, below: JSONSourceMap.root, count: 3) == nil)
    }

    /// Below an element (an event of a batch), offsets are those of the whole text; the locator
    /// reading the element's text alone finds the same ones less where the element starts.
    @Test func belowAnElementAsTheLocatorReadsTheElementAlone() throws {
        let bytes = Array(#"[{"a":1,"b":{"c":[2]}}, [ {"a": 3} ], "s"]"#.utf8)
        let (document, map) = try JSONParser.parseWithSourceMap(bytes)
        guard case .array(let elements) = document.value else { Issue.record("not an array"); return }
        let entries = map.elementEntries(ofArrayAt: JSONSourceMap.root, count: elements.count)
        let ends = [22, 36, 41]
        for (index, entry) in entries.enumerated() {
            let start = map.start(of: entry)
            let element = Array(bytes[start..<ends[index]])
            var paths = JSONLocatorPathsTests.allPaths(in: elements[index])
            paths += [.root, "a", "b.c[0]", "b.c[5]", "[0].a", "[1]", "zz.y"]
            for path in paths {
                let alone = element.withUnsafeBytes { JSONLocator.offset(of: path, in: $0) }
                #expect(alone.map { $0 + start } == map.offset(of: path, in: elements[index], at: entry), "\(path) in \(index)")
            }
        }
    }

    /// Asked about a value the map was not made for, it answers within the text instead of trapping.
    @Test func aValueFromElsewhereStaysWithinTheMap() throws {
        let (_, map) = try JSONParser.parseWithSourceMap(Array(#"[1, {"a": 2}]"#.utf8))
        let other = try JSONParser.parseValue(#"[[1, 2, 3, 4, 5, 6], {"a": {"a": {"a": [7, 8, 9]}}}, 3, 4, 5, 6, 7]"#)
        for path: JSONPath in ["[6]", "[0][5]", "[1].a.a.a[2]", "[5].zz", "$"] {
            #expect((0..<13).contains(map.offset(of: path, in: other)), "\(path)")
        }
        #expect(map.offset(of: "[0]", in: other, at: 99) == 0)
        #expect(map.elementEntries(ofArrayAt: JSONSourceMap.root, count: 7).count <= map.count)
        #expect(map.childEntry(startingAt: 50, below: JSONSourceMap.root, count: 7) == nil)
    }

    /// Broken text fails with the error, line and column the plain parse gives.
    @Test(arguments: [#"{"a": [1, }"#, "{\"a\":\n tru}", "", "  ", "[1] 2", #"{"a":"\u12"}"#])
    func brokenTextGivesTheParsersError(text: String) {
        let plain = parseError(text, withMap: false)
        #expect(plain != nil)
        #expect(parseError(text, withMap: true) == plain)
    }

    private func parseError(_ text: String, withMap: Bool) -> JSONParseError? {
        do {
            if withMap { _ = try JSONParser.parseWithSourceMap(Array(text.utf8)) } else { _ = try JSONParser.parse(Array(text.utf8)) }
            return nil
        } catch {
            return error
        }
    }
}
