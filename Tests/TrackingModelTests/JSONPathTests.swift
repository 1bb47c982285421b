import SeededRandom
import Testing
@testable import TrackingModel

@Suite struct JSONPathTests {
    @Test func readsTheDottedForm() {
        #expect(JSONPath(parsing: "$").components.isEmpty)
        #expect(JSONPath(parsing: "properties.user.consent_categories[1]").components
            == [.key("properties"), .key("user"), .key("consent_categories"), .index(1)])
        #expect(JSONPath(parsing: #"items["odd key"].id"#).components == [.key("items"), .key("odd key"), .key("id")])
        #expect(JSONPath(parsing: "[0][2]").components == [.index(0), .index(2)])
        #expect(JSONPath(parsing: "prénom.ville").components == [.key("prénom"), .key("ville")])
        #expect(JSONPath(parsing: "a[").components == [.key("a"), .key("")])
    }

    @Test func theWrittenFormReadsBack() {
        let path = JSONPath([.key("properties"), .key("odd key"), .index(3), .key("é")])
        #expect(JSONPath(parsing: path.description) == path)
    }

    /// A path that says it reads back from its written form does (the payload inspector then
    /// places its finding from the components, not from the text).
    @Test func pathsThatSayTheyReadBackDo() {
        let pieces = ["a", "b", "0", "7", ".", "[", "]", "\"", "'", " ", "$", "_", "-", "é", "\u{301}", "\r\n"]
        var random = SeededRandom(seed: 12)
        var readBack = 0
        for _ in 0..<5000 {
            let components: [JSONPath.Component] = (0..<random.below(4)).map { _ in
                if random.below(4) == 0 { return .index(random.below(12)) }
                return .key((0..<random.below(4)).map { _ in pieces[random.below(pieces.count)] }.joined())
            }
            let path = JSONPath(components)
            if path.readsBackFromDescription {
                #expect(JSONPath(parsing: path.description) == path, "\(components)")
                readBack += 1
            }
        }
        #expect(readBack > 1000)
        #expect(!JSONPath([.key("$")]).readsBackFromDescription)
        #expect(!JSONPath([.key("a]b")]).readsBackFromDescription)
        #expect(JSONPath([.key("odd key"), .index(2), .key("")]).readsBackFromDescription)
    }

    /// The byte reading used for ASCII paths gives what the Character reading gives, on text made
    /// of the characters that matter (separators, brackets, quotes, digits, signs).
    @Test func theASCIIReadingAgreesWithTheCharacterReading() {
        let alphabet = Array("ab.[]0719-'\" $_")
        var random = SeededRandom(seed: 11)
        for _ in 0..<5000 {
            let text = String((0..<random.below(12)).map { _ in alphabet[random.below(alphabet.count)] })
            #expect(JSONPath(parsingASCII: text) == JSONPath(parsingCharacters: text), "\(text)")
        }
    }

    /// The written form is the one the former writer gave (a byte array made a String, kept here
    /// as the reference), on random paths of keys plain and odd, indices, negative ones included.
    @Test func theWrittenFormIsTheFormerOne() {
        func formerDescription(_ path: JSONPath) -> String {
            func isPlain(_ key: String) -> Bool {
                !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "$" }
            }
            if path.components.isEmpty { return "$" }
            if path.components.count == 1, case .key(let key) = path.components[0], isPlain(key) { return key }
            var text: [UInt8] = []
            for component in path.components {
                switch component {
                case .key(let key):
                    if isPlain(key) {
                        if !text.isEmpty { text.append(UInt8(ascii: ".")) }
                        text.append(contentsOf: Array(key.utf8))
                    } else {
                        text.append(contentsOf: Array("[\"".utf8) + Array(key.utf8) + Array("\"]".utf8))
                    }
                case .index(let index):
                    text.append(contentsOf: Array("[\(index)]".utf8))
                }
            }
            return String(decoding: text, as: UTF8.self)
        }
        let pieces = ["a", "B", "0", "7", ".", "[", "]", "\"", " ", "$", "_", "-", "é", "\u{301}", "\r\n", "日本", "consent_categories"]
        let indices = [0, 1, 9, 10, 99, 1234, -1, -10, Int.max, Int.min]
        var random = SeededRandom(seed: 13)
        for _ in 0..<5000 {
            let components: [JSONPath.Component] = (0..<random.below(5)).map { _ in
                if random.below(3) == 0 { return .index(indices[random.below(indices.count)]) }
                return .key((0..<random.below(4)).map { _ in pieces[random.below(pieces.count)] }.joined())
            }
            let path = JSONPath(components)
            #expect(path.description == formerDescription(path), "\(components)")
        }
    }
}
