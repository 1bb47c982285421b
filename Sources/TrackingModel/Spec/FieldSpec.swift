/// One field of a standard event or object: its type, whether it is required, its allowed values
/// and what it means, in a line.
public struct FieldSpec: Sendable, Hashable {
    /// The JSON type a field must have.
    public enum ValueType: String, Sendable, Hashable {
        case string
        case number
        /// A number without fraction or exponent.
        case integer
        case boolean
        case object
        /// An id: a non-empty string (numbers are tolerated).
        case identifier
        /// An array of strings.
        case stringArray
        /// An array of objects (see `FieldSpec.objectName`).
        case objectArray
        /// An array of strings (the rule) or numbers (tolerated, reported as info).
        case categoryArray
        /// A `YYYY-MM-DD` date string.
        case date
        /// Milliseconds since 1970 (see `EventTimestamp`).
        case timestamp
        /// An ISO 4217 code: three capital letters.
        case currency

        /// How the type is named in messages.
        public var displayName: String {
            switch self {
            case .string: "a string"
            case .number: "a number"
            case .integer: "an integer"
            case .boolean: "a boolean"
            case .object: "an object"
            case .identifier: "a string id"
            case .stringArray: "an array of strings"
            case .objectArray: "an array of objects"
            case .categoryArray: "an array of strings"
            case .date: "a YYYY-MM-DD string"
            case .timestamp: "an integer of milliseconds"
            case .currency: "an ISO 4217 code"
            }
        }
    }

    /// When the field must be present.
    public enum Requirement: Sendable, Hashable {
        case optional
        case required
        /// Required under a condition the text states (checked by dedicated validation rules).
        case conditional(String)
    }

    public let name: String
    public let type: ValueType
    public let requirement: Requirement
    /// The allowed values of an enumeration, nil for a free field.
    public let allowedValues: [String]?
    /// What the field means, in one line.
    public let explanation: String
    /// For objects and arrays of objects: the catalogue object describing the content
    /// (`item`, `product`, `user`, ...).
    public let objectName: String?
    /// A realistic value, used by annotated examples (optional fields without one are left out).
    public let example: JSONValue?

    public init(
        _ name: String,
        _ type: ValueType,
        _ requirement: Requirement = .optional,
        _ explanation: String,
        allowedValues: [String]? = nil,
        objectName: String? = nil,
        example: JSONValue? = nil
    ) {
        self.name = name
        self.type = type
        self.requirement = requirement
        self.allowedValues = allowedValues
        self.explanation = explanation
        self.objectName = objectName
        self.example = example
    }

    /// True for unconditionally required fields.
    public var isRequired: Bool { requirement == .required }

    /// The same field required (or not), for events that share a field definition.
    func with(_ requirement: Requirement) -> FieldSpec {
        FieldSpec(name, type, requirement, explanation, allowedValues: allowedValues, objectName: objectName, example: example)
    }

    /// The same field with an event-specific explanation.
    func explained(_ text: String) -> FieldSpec {
        FieldSpec(name, type, requirement, text, allowedValues: allowedValues, objectName: objectName, example: example)
    }
}

/// A list of fields with its lookups precomputed, shared by reference so validation copies no
/// field lists on its hot path.
final class FieldTable: Sendable, Hashable {
    let fields: [FieldSpec]
    let required: [FieldSpec]
    let names: [String]
    /// The fields' positions by name.
    private let index: NameIndex

    init(_ fields: [FieldSpec]) {
        self.fields = fields
        self.required = fields.filter(\.isRequired)
        let names = fields.map(\.name)
        self.names = names
        self.index = NameIndex(names)
    }

    /// The field named `name` (the last one when repeated).
    func field(named name: String) -> FieldSpec? {
        index.position(of: name).map { fields[$0] }
    }

    static func == (lhs: FieldTable, rhs: FieldTable) -> Bool { lhs === rhs || lhs.fields == rhs.fields }
    func hash(into hasher: inout Hasher) { hasher.combine(fields) }
}
