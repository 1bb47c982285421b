import CaptureLog
import Foundation
import TrackingModel

/// Builds the tree of a record's body from the normalised event, so that the legacy, v1 and v2
/// dialects read the same: Event, Properties, User, Device, Cookies, Page, Context, then every
/// other field as it came. A batch gives one child per event.
public enum EventTreeBuilder {
    private static let utc = TimeZone(identifier: "UTC")!

    /// The fields a container's members are looked up in, and who defines them.
    struct SpecTable {
        var owner: String
        var lookup: (String) -> FieldSpec?

        init(event spec: EventSpec) {
            owner = spec.name
            lookup = spec.field(named:)
        }

        init?(object name: String) {
            guard let object = SpecCatalogue.object(named: name) else { return nil }
            owner = object.name
            lookup = object.field(named:)
        }
    }

    /// The tree of `record`'s request body (empty when the body is not JSON); items whose product
    /// `catalogue` knows get its name and price beside them.
    public static func tree(for record: CaptureRecord, catalogue: ItemCatalogue = ItemCatalogue()) -> EventTree {
        guard case .body(let body) = PayloadDecoder.decode(record.requestBody) else {
            return EventTree(roots: [], findings: record.findings)
        }
        let document = body.form == .document ? record.requestBody : nil
        var roots: [EventTree.Node] = []
        if body.form == .document, let value = body.documents.first {
            let prefix: JSONPath?
            switch value {
            case .array: prefix = .root
            case .object(let object) where EventBody.isBatch(object): prefix = JSONPath([.key(EventBody.batchKey)])
            default: prefix = nil
            }
            if let prefix {
                for (index, event) in EventBody.events(in: value).enumerated() {
                    roots.append(batchChild(event, index: index, path: prefix.appending(index), catalogue: catalogue))
                }
            } else {
                roots = nodes(of: value, at: .root, catalogue: catalogue, eventIndex: 0)
            }
        } else {
            // JSON Lines: one event a line, each with paths of its own line.
            for (index, event) in body.documents.enumerated() {
                var child = batchChild(event, index: index, path: .root, catalogue: catalogue)
                child.rawPath = nil
                roots.append(child)
            }
        }
        var tree = EventTree(roots: roots, findings: record.findings, document: document)
        addMissing(from: record.findings, to: &tree)
        return tree
    }

    private static func batchChild(_ event: JSONValue, index: Int, path: JSONPath, catalogue: ItemCatalogue) -> EventTree.Node {
        let name = EventBody.name(of: event) ?? "(no name)"
        return EventTree.Node(id: "event-\(index)", label: "Event \(index + 1)", value: name, rawPath: path,
                              children: nodes(of: event, at: path, catalogue: catalogue, eventIndex: index))
    }

    /// The top-level nodes of one event whose raw path is `base` (event `eventIndex` of its body).
    static func nodes(of value: JSONValue, at base: JSONPath, catalogue: ItemCatalogue = ItemCatalogue(),
                      eventIndex: Int = 0) -> [EventTree.Node] {
        let event = NormalizedEvent(value)
        let layout = NormalizedEvent.Layout.of(event.dialect)
        let root = value.objectValue ?? JSONObject()
        let spec = event.name.flatMap(SpecCatalogue.event(named:))
        var consumed: Set<String> = []
        var nodes: [EventTree.Node] = []

        // Event: name, id, timestamp.
        var eventNode = EventTree.Node(id: "event", label: "Event", value: event.name ?? "(no name)", rawPath: base)
        let nameKey = root[EventBody.nameKey]?.stringValue != nil ? EventBody.nameKey
            : root[EventBody.legacyNameKey] != nil ? EventBody.legacyNameKey : EventBody.nameKey
        if let name = root[nameKey] {
            consumed.insert(nameKey)
            eventNode.children.append(.init(id: "name", label: "name", value: scalarText(name), rawPath: base.appending(nameKey)))
        }
        for (id, path, fallback) in [("id", layout.eventId, "event_id"), ("timestamp", layout.timestamp, "event_timestamp")] {
            let found: JSONPath? = value[path] != nil ? path : root[fallback] != nil ? JSONPath([.key(fallback)]) : nil
            guard let found, let raw = value[found] else { continue }
            if found.components.count == 1, let key = found.lastKey { consumed.insert(key) }
            var child = EventTree.Node(id: id, label: id, value: scalarText(raw), rawPath: base.appending(found))
            if id == "timestamp", let date = EventTimestamp(raw).date {
                child.note = TimeText.full(date, in: utc)
            }
            eventNode.children.append(child)
        }
        nodes.append(eventNode)

        // Properties: the event's own fields.
        let dataPath = base.appending(layout.data)
        if !layout.data.isRoot { consumed.insert(layout.data.lastKey ?? "") } else { consumed.formUnion(event.properties.keys) }
        var properties = EventTree.Node(id: "properties", label: "Properties", value: "{\(event.properties.count)}", rawPath: dataPath,
                                        specOwner: event.name)
        properties.children = members(event.properties, at: dataPath, table: spec.map(SpecTable.init(event:)))
        if !catalogue.isEmpty, let items = properties.children.firstIndex(where: { $0.id == "items" }) {
            for index in properties.children[items].children.indices {
                properties.children[items].children[index].note = catalogue.product(event: eventIndex, item: index)?.note
            }
        }
        if let spec {
            appendMissing(spec.requiredFields, owner: spec.name, present: event.properties, at: dataPath, to: &properties)
        }
        nodes.append(properties)

        // User.
        if let user = value[layout.user]?.objectValue {
            if layout.user.components.count == 1 { consumed.insert("user") }
            let userPath = base.appending(layout.user)
            var node = EventTree.Node(id: "user", label: "User", value: event.user?.id ?? event.user?.email, rawPath: userPath)
            node.children = members(user, at: userPath, table: SpecTable(object: "user"))
            nodes.append(node)
        }

        // Device, and its cookies apart.
        if let device = value[layout.device]?.objectValue {
            if layout.device.components.count == 1 { consumed.insert("device") }
            let devicePath = base.appending(layout.device)
            let cookieKey = device["cookie"] != nil ? "cookie" : device["cookies"] != nil ? "cookies" : nil
            // The user agent read as a person would: browser, system, kind of device.
            let agent = event.device?.userAgent.flatMap(UserAgent.init).flatMap { $0.browser != nil || $0.system != nil ? $0 : nil }
            var node = EventTree.Node(id: "device", label: "Device", value: agent?.summary ?? event.device?.userAgent.map { shortened($0) },
                                      rawPath: devicePath)
            let object = SpecCatalogue.object(named: "device")
            node.children = members(JSONObject(device.members.filter { $0.key != cookieKey }), at: devicePath,
                                    table: SpecTable(object: "device"))
            for index in node.children.indices where ["user_agent", "userAgent"].contains(node.children[index].id) {
                node.children[index].note = agent?.summary
            }
            nodes.append(node)
            if let cookieKey, let header = device[cookieKey]?.stringValue {
                let cookiePath = devicePath.appending(cookieKey)
                let cookies = CookieParser.parse(header)
                var cookieNode = EventTree.Node(id: "cookies", label: "Cookies", value: "(\(cookies.count))", rawPath: cookiePath,
                                                field: object?.field(named: cookieKey), specOwner: "device")
                var seen: [String: Int] = [:]
                for cookie in cookies {
                    let count = seen[cookie.name, default: 0]
                    seen[cookie.name] = count + 1
                    cookieNode.children.append(.init(id: count == 0 ? "c:" + cookie.name : "c:\(cookie.name)#\(count)",
                                                     label: cookie.name, value: cookie.value,
                                                     note: KnownCookies.explanation(for: cookie.name), rawPath: cookiePath))
                }
                nodes.append(cookieNode)
            }
        }

        // Page.
        if let page = value[layout.page]?.objectValue {
            if layout.page.components.count == 1 { consumed.insert("page") }
            let pagePath = base.appending(layout.page)
            var node = EventTree.Node(id: "page", label: "Page", value: event.page?.url, rawPath: pagePath)
            node.children = members(page, at: pagePath, table: SpecTable(object: "page"))
            nodes.append(node)
        }

        // Context (v2): what is not shown above.
        if let contextPath = layout.context, let context = value[contextPath]?.objectValue {
            consumed.insert("context")
            let rest = JSONObject(context.members.filter { !["device", "page", "event_id", "event_timestamp"].contains($0.key) })
            let path = base.appending(contextPath)
            var node = EventTree.Node(id: "context", label: "Context", value: "{\(rest.count)}", rawPath: path)
            node.children = members(rest, at: path, table: SpecTable(object: "context"))
            nodes.append(node)
        }

        // Everything else, as it came.
        let others = JSONObject(root.members.filter { !consumed.contains($0.key) })
        nodes.append(contentsOf: members(others, at: base, table: nil).map { node in
            var node = node
            node.id = "other:" + node.id
            return node
        })
        return nodes
    }

    /// The nodes of an object's members, with their spec when `table` knows them.
    private static func members(_ object: JSONObject, at path: JSONPath,
                                table: SpecTable?) -> [EventTree.Node] {
        var seen: [String: Int] = [:]
        return object.members.map { member in
            let count = seen[member.key, default: 0]
            seen[member.key] = count + 1
            var node = valueNode(member.value, id: count == 0 ? member.key : "\(member.key)#\(count)", label: member.key,
                                 path: path.appending(member.key), field: table?.lookup(member.key), owner: table?.owner)
            if let field = node.field, field.type == .timestamp, let date = EventTimestamp(member.value).date {
                node.note = TimeText.full(date, in: utc)
            }
            return node
        }
    }

    private static func valueNode(_ value: JSONValue, id: String, label: String, path: JSONPath,
                                  field: FieldSpec?, owner: String?) -> EventTree.Node {
        var node = EventTree.Node(id: id, label: label, rawPath: path, field: field, specOwner: owner)
        let inner = field?.objectName.flatMap(SpecCatalogue.object(named:))
        switch value {
        case .object(let object):
            node.value = "{\(object.count)}"
            node.children = members(object, at: path, table: inner.flatMap { SpecTable(object: $0.name) })
            if let inner { appendMissing(inner.requiredFields, owner: inner.name, present: object, at: path, to: &node) }
        case .array(let elements):
            node.value = "[\(elements.count)]"
            node.children = elements.enumerated().map { index, element in
                var child = valueNode(element, id: "\(index)", label: "[\(index)]", path: path.appending(index),
                                      field: nil, owner: nil)
                if case .object(let object) = element, let inner {
                    child.children = members(object, at: path.appending(index), table: SpecTable(object: inner.name))
                    appendMissing(inner.requiredFields, owner: inner.name, present: object, at: path.appending(index), to: &child)
                    child.value = object["product"]?["name"]?.stringValue ?? object["name"]?.stringValue ?? child.value
                }
                return child
            }
        default:
            node.value = scalarText(value)
        }
        return node
    }

    /// Adds a dimmed "missing" row for each required field absent from `present`.
    private static func appendMissing(_ required: [FieldSpec], owner: String, present: JSONObject, at path: JSONPath,
                                      to node: inout EventTree.Node) {
        for field in required where present[field.name] == nil {
            node.children.append(.init(id: field.name, label: field.name, rawPath: path.appending(field.name), field: field,
                                       specOwner: owner, isMissing: true))
        }
    }

    /// Missing fields named by findings (`missing-*` codes) that the spec pass did not place.
    private static func addMissing(from findings: [Finding], to tree: inout EventTree) {
        for finding in findings where finding.code.hasPrefix("missing") {
            let path = EventTree.path(of: finding)
            guard let key = path.lastKey, tree.path(forRawPath: path).map({ tree.node(at: $0)?.rawPath == path }) != true else { continue }
            var parentPath = path
            parentPath.components.removeLast()
            guard let target = tree.path(forRawPath: parentPath) else { continue }
            insert(.init(id: key, label: key, rawPath: path, isMissing: true), at: target, in: &tree.roots)
        }
    }

    private static func insert(_ child: EventTree.Node, at path: EventTree.Path, in nodes: inout [EventTree.Node]) {
        guard let first = path.first, let index = nodes.firstIndex(where: { $0.id == first }) else { return }
        if path.count == 1 {
            if !nodes[index].children.contains(where: { $0.id == child.id }) { nodes[index].children.append(child) }
        } else {
            insert(child, at: Array(path.dropFirst()), in: &nodes[index].children)
        }
    }

    private static func scalarText(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): JSONStyler.quoted(text)
        case .number(let number): number.literal
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        case .array(let elements): "[\(elements.count)]"
        case .object(let object): "{\(object.count)}"
        }
    }

    private static func shortened(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(39)) + "…" : text
    }
}
