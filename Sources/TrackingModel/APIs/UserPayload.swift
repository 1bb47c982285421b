import Foundation

/// The body of a User API insert or update (`PUT /engage/user/`):
/// `{"person": {"id", "card", "email", "gender", "firstname", "lastname", "custom": {...}}}`.
public struct UserPayload: Sendable, Hashable {
    public var id: String?
    public var card: String?
    public var email: String?
    /// `m` or `f`.
    public var gender: String?
    public var firstname: String?
    public var lastname: String?
    /// Your own attributes of the user.
    public var custom: JSONObject?

    public init(
        id: String?, card: String? = nil, email: String? = nil, gender: String? = nil,
        firstname: String? = nil, lastname: String? = nil, custom: JSONObject? = nil
    ) {
        self.id = id
        self.card = card
        self.email = email
        self.gender = gender
        self.firstname = firstname
        self.lastname = lastname
        self.custom = custom
    }

    /// Reads a body; nil when it has no `person` object.
    public init?(_ value: JSONValue) {
        guard case .object(let person)? = value["person"] else { return nil }
        id = person["id"]?.scalarTextIfScalar
        card = person["card"]?.scalarTextIfScalar
        email = person["email"]?.stringValue
        gender = person["gender"]?.stringValue
        firstname = person["firstname"]?.stringValue
        lastname = person["lastname"]?.stringValue
        custom = person["custom"]?.objectValue
    }

    /// The body to send, members in the API's order, absent ones left out.
    public var jsonValue: JSONValue {
        var person = JSONObject()
        if let id { person["id"] = .string(id) }
        if let card { person["card"] = .string(card) }
        if let email { person["email"] = .string(email) }
        if let gender { person["gender"] = .string(gender) }
        if let firstname { person["firstname"] = .string(firstname) }
        if let lastname { person["lastname"] = .string(lastname) }
        if let custom { person["custom"] = .object(custom) }
        return .object(JSONObject([.init(key: "person", value: .object(person))]))
    }

    /// The fields a `person` may have.
    public static let personFields: [FieldSpec] = [
        FieldSpec("id", .identifier, .required, "Your id of the user; the same as the user_id of the URL."),
        FieldSpec("card", .identifier, .optional, "Loyalty card number."),
        FieldSpec("email", .string, .optional, "E-mail address."),
        FieldSpec("gender", .string, .optional, "Gender: m or f.", allowedValues: SpecCatalogue.Enumerations.userGender),
        FieldSpec("firstname", .string, .optional, "Given name."),
        FieldSpec("lastname", .string, .optional, "Family name."),
        FieldSpec("custom", .object, .optional, "Your own attributes of the user."),
    ]

    private static let personTable = FieldTable(personFields)

    /// Codes specific to User API bodies (the others are `EventValidator.Code`'s).
    public enum Code {
        public static let missingPerson = "missing-person"
        public static let unknownField = "unknown-field"
        public static let userIdMismatch = "user-id-mismatch"
    }

    /// Checks a body: a `person` object, its required `id`, types, gender, e-mail form, unknown
    /// fields; and, when `userID` (the URL's `user_id`) is given, that `person.id` matches it.
    public static func validate(_ value: JSONValue, userID: String? = nil) -> [Finding] {
        var run = EventValidator.Run(dialect: .v2, now: Date())
        guard case .object(let root) = value else {
            run.report(.error, EventValidator.Code.notAnObject, .root, "The body must be a JSON object, found \(value.typeName).")
            return run.findings
        }
        for member in root.members where member.key != "person" {
            run.report(.warning, Code.unknownField, JSONPath([.key(member.key)]),
                       "\"\(member.key)\" is not part of a User API body; only person is read.")
        }
        guard let personValue = root["person"], !personValue.isNull else {
            run.report(.error, Code.missingPerson, "person", "The body has no person object.",
                       hint: "Send {\"person\": {\"id\": \"...\", ...}}.")
            return run.findings
        }
        guard case .object(let person) = personValue else {
            run.report(.error, EventValidator.Code.invalidType, "person", "person must be an object, found \(personValue.typeName).")
            return run.findings
        }
        let path: JSONPath = "person"
        run.checkObject(person, table: personTable, path: path, requireFields: true, suggest: true)
        let reported = Set(run.findings.map(\.path))
        for member in person.members where personTable.field(named: member.key) == nil {
            let memberPath = path.appending(member.key)
            if !reported.contains(memberPath.description) {
                run.report(.warning, Code.unknownField, memberPath,
                           "\"\(member.key)\" is not a person field of the User API.",
                           hint: "Put your own attributes in person.custom.")
            }
        }
        if case .string(let email)? = person["email"], !email.looksLikeEmail {
            run.report(.warning, EventValidator.Code.invalidEmail, path.appending("email"),
                       "\"\(email)\" does not look like an e-mail address.")
        }
        if let userID, let id = person["id"]?.scalarTextIfScalar, !id.isEmpty, id != userID {
            run.report(.warning, Code.userIdMismatch, path.appending("id"),
                       "person.id \"\(id)\" differs from the URL's user_id \"\(userID)\".")
        }
        return run.findings
    }
}
