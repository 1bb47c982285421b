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
}
