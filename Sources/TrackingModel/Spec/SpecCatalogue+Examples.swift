extension SpecCatalogue {
    /// A complete, valid, annotated example of the standard event `name` in `dialect`; nil for a
    /// custom event or the unknown dialect.
    public static func example(for name: String, dialect: Dialect) -> AnnotatedExample? {
        guard let spec = event(named: name), dialect != .unknown else { return nil }
        typealias Node = AnnotatedExample.Node
        let context = object(named: "context")!
        let userSpec = object(named: "user")!
        let pageSpec = object(named: "page")!
        let deviceSpec = object(named: "device")!

        func note(_ spec: ObjectSpec, _ field: String) -> String? { spec.field(named: field)?.explanation }
        func leaf(_ spec: ObjectSpec, _ field: String) -> Node {
            .leaf(spec.field(named: field)?.example ?? .null, note(spec, field))
        }

        // The event's own data: required fields and the optional ones that have an example.
        var data: [(String, Node)] = []
        for field in spec.fields where field.isRequired || field.example != nil || field.objectName != nil {
            if field.objectName == "item" {
                data.append((field.name, .array([itemNode()], field.explanation)))
            } else {
                data.append((field.name, .leaf(field.example ?? "example", field.explanation)))
            }
        }

        var user: [(String, Node)] = [("id", leaf(userSpec, "id"))]
        if dialect == .v2 { user.append(("consistent_anonymous_id", leaf(userSpec, "consistent_anonymous_id"))) }
        user.append(("email", leaf(userSpec, "email")))
        user.append(("consent_categories", leaf(userSpec, "consent_categories")))
        let userNode = Node.object(user, userSpec.summary)

        let nameNote = "Name of the event: a standard event, or your own in snake_case."
        let eventId = leaf(context, "event_id")
        let timestamp = leaf(context, "event_timestamp")
        let page: [(String, Node)] = [
            ("title", leaf(pageSpec, "title")),
            (dialect == .v2 ? "url" : "location", .leaf(pageSpec.field(named: "url")!.example!, note(pageSpec, dialect == .v2 ? "url" : "location"))),
        ] + (dialect == .v2 ? [("lang", leaf(pageSpec, "lang")), ("referrer", leaf(pageSpec, "referrer"))] : [])
        let root: Node
        switch dialect {
        case .v2:
            let device: [(String, Node)] = ["user_agent", "ip", "lang", "cookie", "timezone"].map { ($0, leaf(deviceSpec, $0)) }
            root = .object([("event_name", .leaf(.string(name), nameNote))] + data + [
                ("user", userNode),
                ("context", .object([
                    ("event_id", eventId),
                    ("event_timestamp", timestamp),
                    ("page", .object(page, pageSpec.summary)),
                    ("device", .object(device, deviceSpec.summary)),
                ], context.summary)),
            ], nil)
        case .v1:
            let device: [(String, Node)] = ["user_agent", "ip", "cookie"].map { ($0, leaf(deviceSpec, $0)) }
            root = .object([
                ("event_name", .leaf(.string(name), nameNote)),
                ("event_id", eventId),
                ("event_timestamp", timestamp),
                ("properties", .object(data + [("user", userNode)], "v1: the event's own data and the user.")),
                ("page", .object(page, pageSpec.summary)),
                ("device", .object(device, deviceSpec.summary)),
            ], nil)
        case .legacy, .unknown:
            let device: [(String, Node)] = [
                ("userAgent", .leaf(deviceSpec.field(named: "user_agent")!.example!, "User-Agent header (legacy name of user_agent).")),
                ("ip", leaf(deviceSpec, "ip")),
                ("cookies", .leaf(deviceSpec.field(named: "cookie")!.example!, "Cookie string (legacy name of cookie).")),
            ]
            root = .object([
                ("event", .leaf(.string(name), nameNote)),
                ("eventId", eventId),
                ("eventTimestamp", timestamp),
                ("properties", .object(data + [("user", userNode)], "Legacy: the event's own data and the user.")),
                ("device", .object(device, deviceSpec.summary)),
            ], nil)
        }
        return AnnotatedExample(eventName: name, dialect: dialect, node: root)
    }

    private static func itemNode() -> AnnotatedExample.Node {
        let item = object(named: "item")!
        let product = object(named: "product")!
        var productFields: [(String, AnnotatedExample.Node)] = []
        for field in product.fields where field.isRequired || field.example != nil {
            productFields.append((field.name, .leaf(field.example ?? .null, field.explanation)))
        }
        var itemFields: [(String, AnnotatedExample.Node)] = []
        for field in item.fields {
            if field.name == "product" {
                itemFields.append(("product", .object(productFields, field.explanation)))
            } else if field.isRequired || field.example != nil {
                itemFields.append((field.name, .leaf(field.example ?? .null, field.explanation)))
            }
        }
        return .object(itemFields, item.summary)
    }
}
