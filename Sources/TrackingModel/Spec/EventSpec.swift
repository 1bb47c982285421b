/// A standard event of the reference: its name, what it records, and its own fields (besides
/// `user`, which every standard event requires, and the dialect's metadata).
public struct EventSpec: Sendable, Hashable {
    /// The family an event belongs to, for browsing.
    public enum Category: String, Sendable, Hashable, CaseIterable {
        case page, account, content, lead, ecommerce, advertising, video
    }

    public let name: String
    public let category: Category
    /// What the event records, in one line.
    public let summary: String
    /// The event's own fields, required ones first as listed by the reference.
    public let fields: [FieldSpec]
    /// Extra rules stated in words (`select_item` carries exactly one item, ...).
    public let notes: [String]
    /// The fields with their lookups precomputed (for validation).
    let table: FieldTable

    public init(_ name: String, _ category: Category, _ summary: String, fields: [FieldSpec], notes: [String] = []) {
        self.name = name
        self.category = category
        self.summary = summary
        self.fields = fields
        self.notes = notes
        self.table = FieldTable(fields)
    }

    /// The field called `name`, if the event defines it.
    public func field(named name: String) -> FieldSpec? { table.field(named: name) }

    /// The unconditionally required fields, in order.
    public var requiredFields: [FieldSpec] { table.required }
}
