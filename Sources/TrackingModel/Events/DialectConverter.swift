/// Rewrites an event from one payload dialect into another, by the vendor's migration rule
/// (tracking-api.md): going to v2, everything in `properties` moves to the root
/// (`properties.user` to `user`) and the root's contextual metadata (`event_id`,
/// `event_timestamp`, `device`, `page`, `app`) moves into `context` under the v2 names (legacy
/// `event` → `event_name`, `eventId` → `context.event_id`, `eventTimestamp` →
/// `context.event_timestamp`, `device{userAgent, cookies}` → `context.device{user_agent, cookie}`,
/// `page.location` → `context.page.url`). Going to legacy or v1 does the reverse.
///
/// Values are never changed (numbers keep their literal), keys keep their order wherever the
/// target allows, and every move, rename and field left out is reported. A pure function: the
/// `convert` command, `send --dialect` and `NormalizedEvent.v2Value` share it.
public enum DialectConverter {
    /// Converts `value` (its dialect detected) to `target`.
    public static func convert(_ value: JSONValue, to target: Dialect) -> DialectConversion {
        convert(value, from: DialectDetector.detect(value), to: target)
    }

    /// Converts `value`, read as `source`, to `target`. An unknown payload with a `properties`
    /// object is read like the older dialects, otherwise like v2. Converting to `.unknown`, or a
    /// value that is not an object, changes nothing.
    public static func convert(_ value: JSONValue, from source: Dialect, to target: Dialect) -> DialectConversion {
        guard case .object(let root) = value, target != .unknown else {
            return DialectConversion(value: value, source: source, target: target, changes: [])
        }
        let readAsCurrent = source == .v2 || (source == .unknown && root["properties"] == nil)
        var run = Run(target: target)
        let result: JSONObject
        switch (readAsCurrent, target) {
        case (true, .v2): result = run.movingMetadataIntoContext(root)
        case (false, .v2): result = run.olderToV2(root)
        case (true, _): result = run.v2ToOlder(root)
        case (false, _): result = run.renamingInPlace(root)
        }
        if target == .v2 && !readAsCurrent { run.checkAnonymousId(result, source: source) }
        return DialectConversion(value: .object(result), source: source, target: target, changes: run.changes)
    }

    /// The root keys of the name, id and timestamp in each dialect.
    static func nameKey(_ dialect: Dialect) -> String { dialect == .legacy ? "event" : "event_name" }
    static func idKey(_ dialect: Dialect) -> String { dialect == .legacy ? "eventId" : "event_id" }
    static func timestampKey(_ dialect: Dialect) -> String { dialect == .legacy ? "eventTimestamp" : "event_timestamp" }

    /// The metadata that v2 keeps in `context` and the older dialects at the root.
    static let contextMetadata: Set<String> = ["event_id", "event_timestamp", "device", "page", "app"]

    /// One conversion: the changes so far.
    struct Run {
        let target: Dialect
        var changes: [DialectConversion.Change] = []

        init(target: Dialect) { self.target = target }

        mutating func note(_ from: JSONPath, _ to: JSONPath) {
            guard from != to else { return }
            changes.append(.init(kind: from.lastKey == to.lastKey ? .moved : .renamed, from: from, to: to))
        }

        mutating func drop(_ path: JSONPath, _ reason: String) {
            changes.append(.init(kind: .dropped, from: path, reason: reason))
        }

        // MARK: v2 → v2

        /// A v2 event as it is, except a root `event_id` / `event_timestamp` (the vendor's batch
        /// example) moves into `context`.
        mutating func movingMetadataIntoContext(_ root: JSONObject) -> JSONObject {
            let misplaced = root.members.filter { $0.key == "event_id" || $0.key == "event_timestamp" }
            if misplaced.isEmpty { return root }
            var result = JSONObject(root.members.filter { $0.key != "event_id" && $0.key != "event_timestamp" })
            let existing = result["context"]
            if let existing, existing.objectValue == nil {
                for member in misplaced { drop(path(member.key), "context is \(existing.typeName), not an object") }
                return result
            }
            var context = existing?.objectValue ?? JSONObject()
            for member in misplaced {
                if context[member.key] != nil {
                    drop(path(member.key), "context.\(member.key) is already set")
                } else {
                    context.members.append(member)
                    note(path(member.key), path("context", member.key))
                }
            }
            result["context"] = .object(context)
            return result
        }

        // MARK: legacy / v1 → v2

        mutating func olderToV2(_ root: JSONObject) -> JSONObject {
            var result = JSONObject()
            var context = JSONObject()
            var rest: [JSONObject.Member] = []
            var user: (value: JSONValue, path: JSONPath)? = nil
            let nameMember = root.members.last { $0.key == "event_name" } ?? root.members.last { $0.key == "event" }
            if let nameMember {
                result.members.append(.init(key: "event_name", value: nameMember.value))
                note(path(nameMember.key), path("event_name"))
            }
            let properties = root["properties"]?.objectValue
            if let properties {
                for member in properties.members {
                    let from: JSONPath = path("properties", member.key)
                    if member.key == "user" && user == nil {
                        user = (member.value, from)
                    } else if member.key == "user" {
                        drop(from, "properties.user is given twice")
                    } else {
                        result.members.append(member)
                        note(from, path(member.key))
                    }
                }
            }
            func place(_ key: String, _ value: JSONValue, from: JSONPath) {
                if context[key] != nil {
                    drop(from, "context.\(key) is already set")
                } else {
                    context.members.append(.init(key: key, value: value))
                    note(from, path("context", key))
                }
            }
            for member in root.members {
                let from: JSONPath = path(member.key)
                switch member.key {
                case "event", "event_name":
                    if let nameMember, member.key != nameMember.key {
                        drop(from, "the name is \(nameMember.key) already")
                    }
                case "properties" where properties != nil:
                    continue
                case "eventId", "event_id":
                    place("event_id", member.value, from: from)
                case "eventTimestamp", "event_timestamp":
                    place("event_timestamp", member.value, from: from)
                case "device", "page":
                    if context[member.key] != nil {
                        drop(from, "context.\(member.key) is already set")
                    } else {
                        let to: JSONPath = path("context", member.key)
                        note(from, to)
                        context.members.append(.init(key: member.key, value: renamingKeys(of: member.value, kind: member.key, from: from, to: to)))
                    }
                case "app":
                    place("app", member.value, from: from)
                case "context":
                    guard case .object(let inner) = member.value else {
                        drop(from, "context is \(member.value.typeName), not an object")
                        continue
                    }
                    for innerMember in inner.members {
                        place(innerMember.key, innerMember.value, from: path("context", innerMember.key))
                    }
                case "user":
                    if user == nil {
                        user = (member.value, from)
                    } else {
                        drop(from, "properties.user is the user")
                    }
                default:
                    rest.append(member)
                }
            }
            result.members.append(contentsOf: rest)
            if let user {
                result.members.append(.init(key: "user", value: user.value))
                note(user.path, path("user"))
            }
            result.members.append(.init(key: "context", value: .object(context)))
            return result
        }

        /// Reports a v2 result whose user has no `consistent_anonymous_id`: the older dialects
        /// have no such field, and nothing in them can stand for it.
        mutating func checkAnonymousId(_ result: JSONObject, source: Dialect) {
            guard case .object(let user)? = result["user"] else { return }
            let id = user["consistent_anonymous_id"]
            guard id == nil || id == .null || id == .string("") else { return }
            let name = source == .unknown ? "the source" : "the \(source.rawValue) dialect"
            changes.append(.init(kind: .missing, from: "user.consistent_anonymous_id",
                                 reason: "required in v2, and \(name) has no equivalent: add the platform's anonymous id (the web CAID cookie, or the app's id)"))
        }

        // MARK: v2 → legacy / v1

        mutating func v2ToOlder(_ root: JSONObject) -> JSONObject {
            var metadata: [(key: String, value: JSONValue, from: JSONPath)] = []
            var data: [JSONObject.Member] = []
            var user: JSONValue? = nil
            var contextMembers: [JSONObject.Member] = []
            switch root["context"] {
            case .object(let context)?: contextMembers = context.members
            case let other?: drop(path("context"), "context is \(other.typeName), not an object")
            case nil: break
            }
            for member in contextMembers {
                let from: JSONPath = path("context", member.key)
                if DialectConverter.contextMetadata.contains(member.key) {
                    if metadata.contains(where: { $0.key == member.key }) {
                        drop(from, "\(member.key) is given twice")
                    } else {
                        metadata.append((member.key, member.value, from))
                    }
                } else {
                    drop(from, "the \(target.rawValue) dialect has no context")
                }
            }
            for member in root.members {
                switch member.key {
                case "event_name", "context":
                    continue
                case "user":
                    if user == nil { user = member.value } else { drop(path("user"), "user is given twice") }
                case "event_id", "event_timestamp":
                    // The vendor's batch example puts these at the root.
                    if metadata.contains(where: { $0.key == member.key }) {
                        drop(path(member.key), "context.\(member.key) is already set")
                    } else {
                        metadata.append((member.key, member.value, path(member.key)))
                    }
                default:
                    data.append(member)
                }
            }

            var result = JSONObject()
            if let name = root.members.last(where: { $0.key == "event_name" }) {
                let key = DialectConverter.nameKey(target)
                result.members.append(.init(key: key, value: name.value))
                note(path("event_name"), path(key))
            }
            func appendMetadata(_ key: String) {
                guard let entry = metadata.first(where: { $0.key == key }) else { return }
                let targetKey: String
                switch key {
                case "event_id": targetKey = DialectConverter.idKey(target)
                case "event_timestamp": targetKey = DialectConverter.timestampKey(target)
                default: targetKey = key
                }
                let to: JSONPath = path(targetKey)
                note(entry.from, to)
                let value = key == "device" || key == "page"
                    ? renamingKeys(of: entry.value, kind: key, from: entry.from, to: to) : entry.value
                result.members.append(.init(key: targetKey, value: value))
            }
            appendMetadata("event_id")
            appendMetadata("event_timestamp")
            var properties = JSONObject()
            for member in data {
                properties.members.append(member)
                note(path(member.key), path("properties", member.key))
            }
            if let user {
                properties.members.append(.init(key: "user", value: user))
                note(path("user"), path("properties", "user"))
            }
            result.members.append(.init(key: "properties", value: .object(properties)))
            for entry in metadata where entry.key != "event_id" && entry.key != "event_timestamp" {
                appendMetadata(entry.key)
            }
            return result
        }

        // MARK: legacy ↔ v1

        /// Between the older dialects only names change: the name, id and timestamp keys and the
        /// device's keys; everything stays where it is.
        mutating func renamingInPlace(_ root: JSONObject) -> JSONObject {
            var result = JSONObject()
            for member in root.members {
                let from: JSONPath = path(member.key)
                let key: String
                switch member.key {
                case "event", "event_name": key = DialectConverter.nameKey(target)
                case "eventId", "event_id": key = DialectConverter.idKey(target)
                case "eventTimestamp", "event_timestamp": key = DialectConverter.timestampKey(target)
                default: key = member.key
                }
                if key != member.key && root[key] != nil {
                    drop(from, "\(key) is already set")
                    continue
                }
                note(from, path(key))
                let value = key == "device" || key == "page"
                    ? renamingKeys(of: member.value, kind: key, from: from, to: path(key)) : member.value
                result.members.append(.init(key: key, value: value))
            }
            return result
        }

        // MARK: Device and page keys

        /// The device's or page's keys as the target dialect spells them: snake_case in v1 and v2
        /// (`userAgent` → `user_agent`, `cookies` → `cookie`), camelCase `userAgent` and `cookies`
        /// in legacy; the page's `location` (older dialects) is v2's `url`.
        mutating func renamingKeys(of value: JSONValue, kind: String, from: JSONPath, to: JSONPath) -> JSONValue {
            guard case .object(let object) = value else { return value }
            var renamed = JSONObject()
            for member in object.members {
                let key = targetKey(member.key, kind: kind)
                if key != member.key {
                    if object[key] != nil {
                        drop(from.appending(member.key), "\(to.appending(key)) is already set")
                        continue
                    }
                    changes.append(.init(kind: .renamed, from: from.appending(member.key), to: to.appending(key)))
                }
                renamed.members.append(.init(key: key, value: member.value))
            }
            return .object(renamed)
        }

        private func targetKey(_ key: String, kind: String) -> String {
            switch (target, kind) {
            case (.legacy, "device"):
                switch key {
                case "user_agent": return "userAgent"
                case "cookie": return "cookies"
                default: return key
                }
            case (_, "device"):
                if key == "cookies" { return "cookie" }
                let snake = NameSuggester.snakeCase(key)
                return snake.isEmpty ? key : snake
            case (.v2, _):
                if key == "location" { return "url" }
                let snake = NameSuggester.snakeCase(key)
                return snake.isEmpty ? key : snake
            default:
                return key == "url" ? "location" : key
            }
        }
    }
}

/// The path of `keys`, one component each.
private func path(_ keys: String...) -> JSONPath {
    JSONPath(keys.map { .key($0) })
}
