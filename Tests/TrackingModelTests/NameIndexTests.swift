import SeededRandom
import Testing
@testable import TrackingModel

/// `NameIndex` answers as a dictionary of the names does: String comparison, repeated names at
/// their last position, canonically equivalent spellings found.
@Suite struct NameIndexTests {
    @Test func answersAsADictionary() {
        let pieces = ["a", "b", "_", "id", "é", "e\u{301}", "K", "\u{212A}", "1", "consent_categories", ""]
        var random = SeededRandom(seed: 31)
        for _ in 0..<300 {
            let names = (0..<random.below(12)).map { _ in (0..<random.below(3)).map { _ in pieces[random.below(pieces.count)] }.joined() }
            let index = NameIndex(names)
            var dictionary: [String: Int] = [:]
            for (position, name) in names.enumerated() { dictionary[name] = position }
            for _ in 0..<20 {
                let name = (0..<random.below(3)).map { _ in pieces[random.below(pieces.count)] }.joined()
                #expect(index.position(of: name) == dictionary[name], "\(name) in \(names)")
                #expect(index.contains(name) == Set(names).contains(name))
            }
        }
    }

    @Test func fieldTablesFindTheirFields() throws {
        let user = try #require(SpecCatalogue.object(named: "user")).table
        for field in user.fields { #expect(user.field(named: field.name)?.name == field.name) }
        #expect(user.field(named: "no_such_field") == nil)
        #expect(EventValidator.Run.v2MetadataKeys.contains("event_name"))
        #expect(!EventValidator.Run.v2MetadataKeys.contains("event"))
    }
}
