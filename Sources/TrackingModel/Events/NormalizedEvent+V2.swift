extension NormalizedEvent {
    /// The event rewritten in the current (v2) shape: legacy and v1 properties move to the root,
    /// `event_id`, `event_timestamp`, `device`, `page` and `app` move into `context`, and legacy
    /// camelCase names become snake_case (`eventId` → `event_id`, `userAgent` → `user_agent`,
    /// `cookies` → `cookie`, `page.location` → `page.url`). A v2 event comes back as sent, except
    /// that a root `event_id` / `event_timestamp` moves into `context`. Values are never changed.
    /// Used for migration hints and by the filter language (`user.id:42` on every dialect).
    public var v2Value: JSONValue {
        guard case .object(let root) = source else { return source }
        switch dialect {
        case .v2:
            return .object(Self.movingMetadataIntoContext(root))
        case .unknown:
            // An unknown payload with a properties object is read like the older dialects.
            return .object(root["properties"] == nil ? Self.movingMetadataIntoContext(root) : Self.rewritingToV2(root))
        case .legacy, .v1:
            return .object(Self.rewritingToV2(root))
        }
    }

    private static func movingMetadataIntoContext(_ root: JSONObject) -> JSONObject {
        if root["event_id"] == nil && root["event_timestamp"] == nil { return root }
        let misplaced = root.members.filter { $0.key == "event_id" || $0.key == "event_timestamp" }
        if misplaced.isEmpty { return root }
        var result = JSONObject(root.members.filter { $0.key != "event_id" && $0.key != "event_timestamp" })
        var context = result["context"]?.objectValue ?? JSONObject()
        for member in misplaced where context[member.key] == nil {
            context.members.append(member)
        }
        result["context"] = .object(context)
        return result
    }

    private static func rewritingToV2(_ root: JSONObject) -> JSONObject {
        var result = JSONObject()
        var context = JSONObject()
        var rest: [JSONObject.Member] = []
        var user: JSONValue? = nil
        if let name = root["event_name"] ?? root["event"] {
            result.members.append(.init(key: "event_name", value: name))
        }
        if case .object(let properties)? = root["properties"] {
            for member in properties.members {
                if member.key == "user" { user = member.value } else { result.members.append(member) }
            }
        }
        for member in root.members {
            switch member.key {
            case "event", "event_name", "properties":
                continue
            case "eventId", "event_id":
                context["event_id"] = member.value
            case "eventTimestamp", "event_timestamp":
                context["event_timestamp"] = member.value
            case "device":
                context["device"] = renamingDeviceKeys(member.value)
            case "page":
                context["page"] = renamingPageKeys(member.value)
            case "app":
                context["app"] = member.value
            case "context":
                for inner in member.value.objectValue?.members ?? [] where context[inner.key] == nil {
                    context.members.append(inner)
                }
            case "user":
                if user == nil { user = member.value } else { rest.append(member) }
            default:
                rest.append(member)
            }
        }
        result.members.append(contentsOf: rest)
        if let user { result.members.append(.init(key: "user", value: user)) }
        result.members.append(.init(key: "context", value: .object(context)))
        return result
    }

    private static func renamingDeviceKeys(_ value: JSONValue) -> JSONValue {
        guard case .object(let device) = value else { return value }
        return .object(JSONObject(device.members.map { member in
            let key = member.key == "cookies" ? "cookie" : NameSuggester.snakeCase(member.key)
            return .init(key: key.isEmpty ? member.key : key, value: member.value)
        }))
    }

    private static func renamingPageKeys(_ value: JSONValue) -> JSONValue {
        guard case .object(let page) = value else { return value }
        return .object(JSONObject(page.members.map { member in
            let key = member.key == "location" ? "url" : NameSuggester.snakeCase(member.key)
            return .init(key: key.isEmpty ? member.key : key, value: member.value)
        }))
    }
}
