import Testing
@testable import TrackingModel

@Suite struct UserPayloadTests {
    let good: JSONValue = [
        "person": [
            "id": "12345", "card": "C-778", "email": "toto@domain.fr", "gender": "f",
            "firstname": "Ann", "lastname": "Martin", "custom": ["tier": "gold"],
        ],
    ]

    @Test func goodBodyReadsAndValidates() throws {
        #expect(UserPayload.validate(good, userID: "12345").isEmpty)
        let payload = try #require(UserPayload(good))
        #expect(payload.id == "12345")
        #expect(payload.card == "C-778")
        #expect(payload.gender == "f")
        #expect(payload.custom?["tier"] == "gold")
        #expect(payload.jsonValue == good)
        #expect(UserPayload(id: "1").jsonValue == ["person": ["id": "1"]])
    }

    @Test func missingPersonOrId() {
        #expect(UserPayload.validate(["user": ["id": "1"]]).map(\.code) == ["unknown-field", "missing-person"])
        #expect(UserPayload.validate(["person": "1"]).map(\.code) == ["invalid-type"])
        #expect(UserPayload.validate(.array([])).map(\.code) == ["not-an-object"])
        let noId = UserPayload.validate(["person": ["email": "a@b.fr"]])
        #expect(noId.map(\.code) == ["missing-required-field"])
        #expect(noId.first?.path == "person.id")
        #expect(UserPayload(["nobody": 1]) == nil)
    }

    @Test func fieldRules() {
        let bad: JSONValue = [
            "person": ["id": "1", "gender": "male", "email": "not-an-email", "firstname": 3, "custom": "x", "birthday": "1990"],
        ]
        let found = UserPayload.validate(bad)
        #expect(Set(found.map { "\($0.code) \($0.path)" }) == [
            "invalid-enum-value person.gender",
            "invalid-email person.email",
            "invalid-type person.firstname",
            "invalid-type person.custom",
            "unknown-field person.birthday",
        ])
        let typo = UserPayload.validate(["person": ["id": "1", "lastnme": "M"]])
        #expect(typo.map(\.code) == ["property-name-near-miss"])
        #expect(typo.first?.message.contains("did you mean \"lastname\"?") == true)
    }

    @Test func idMustMatchTheURL() {
        let found = UserPayload.validate(good, userID: "999")
        #expect(found.map(\.code) == ["user-id-mismatch"])
        #expect(found.first?.severity == .warning)
        #expect(UserPayload.validate(["person": ["id": 12345]], userID: "12345").isEmpty)
    }
}
