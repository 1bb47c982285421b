import SeededRandom
import Testing
@testable import TrackingModel

/// `JSONLocator.offsets(of:in:keysAreUnique:)` (all paths in one walk) gives, for every path, the
/// offset that locating the path alone gives.
@Suite struct JSONLocatorPathsTests {
    /// The offsets of `paths` found one at a time, and in one walk.
    private func compare(_ paths: [JSONPath], in bytes: [UInt8], keysAreUnique: Bool) -> Bool {
        bytes.withUnsafeBytes { buffer in
            let alone = paths.map { JSONLocator.offset(of: $0, in: buffer) }
            let together = JSONLocator.offsets(of: paths, in: buffer, keysAreUnique: keysAreUnique)
            return alone == together
        }
    }

    @Test(arguments: [7 as UInt64, 8, 9])
    func oneWalkFindsWhatOneScanPerPathFinds(seed: UInt64) throws {
        var documents = try JSONLocatorTests.fixturesAndRandomDocuments(seed: seed)
        var random = SeededRandom(seed: seed &+ 1)
        documents += [
            #"{"a":{"b":1,"c":[1,{"d":2}]},"a":{"c":[3]},"a":"x"}"#, #"{"a":{"b":1},"a":{"c":2}}"#,
            #"{"x":"}\"]","\u0061b":[1],"ab":[2,[3,[4]]]}"#, "[[1,[2,3]],{\"a\":[]},[]]",
        ].map { Array($0.utf8) }
        documents.append([0xEF, 0xBB, 0xBF] + Array(#" {"a":{"b":[true]}}"#.utf8))
        var compared = 0
        for bytes in documents {
            let document = try JSONParser.parse(bytes)
            let unique = !document.warnings.contains { $0.code == "duplicate-key" }
            var paths = JSONLocatorTests.paths(in: document.value).map(\.0) + Self.allPaths(in: document.value)
            paths += paths.map { $0.appending("missing") } + paths.map { $0.appending(3) } + paths.map { $0.appending(-1) }
            paths += [.root, JSONPath(parsing: "nothing.deeper"), JSONPath(parsing: "[0][1]"), JSONPath(parsing: "a.c[1].d")]
            for keysAreUnique in unique ? [false, true] : [false] {
                #expect(compare(paths, in: bytes, keysAreUnique: keysAreUnique), "\(String(decoding: bytes, as: UTF8.self))")
                // A few paths at a time, as the validator asks.
                for _ in 0..<20 {
                    let some = (0..<random.below(6)).map { _ in paths[random.below(paths.count)] }
                    #expect(compare(some, in: bytes, keysAreUnique: keysAreUnique), "\(some) in \(String(decoding: bytes, as: UTF8.self))")
                    compared += some.count
                }
            }
        }
        #expect(compared > 2000)
    }

    @Test func emptyTextAndNoPaths() {
        #expect(JSONLocator.offsets(of: [.root, "a"], in: UnsafeRawBufferPointer(start: nil, count: 0), keysAreUnique: false) == [nil, nil])
        let blank = Array("  \n".utf8)
        #expect(blank.withUnsafeBytes { JSONLocator.offsets(of: ["a"], in: $0, keysAreUnique: true) } == [nil])
        #expect(blank.withUnsafeBytes { JSONLocator.offsets(of: [], in: $0, keysAreUnique: true) } == [])
    }

    /// Every path in `value`, duplicates' earlier members included.
    static func allPaths(in value: JSONValue, at path: JSONPath = .root) -> [JSONPath] {
        switch value {
        case .array(let elements):
            elements.indices.flatMap { [path.appending($0)] + allPaths(in: elements[$0], at: path.appending($0)) }
        case .object(let object):
            object.members.flatMap { [path.appending($0.key)] + allPaths(in: $0.value, at: path.appending($0.key)) }
        default:
            []
        }
    }
}
