extension EventValidator.Run {
    typealias Code = EventValidator.Code

    // MARK: Dialect

    mutating func checkDialect(_ root: JSONObject) {
        switch dialect {
        case .legacy:
            report(.info, Code.legacyDialect, .root,
                   "Legacy (pre-2022) payload; the current collect endpoint expects the v2 shape.",
                   hint: Self.legacyMigrationHint)
        case .v1:
            report(.warning, Code.v1Dialect, .root,
                   "v1 is no longer accepted since Dec 2023: move properties to the root and event_id, event_timestamp, device, page into context.",
                   hint: v1MigrationHint(root))
        case .unknown:
            report(.warning, Code.unknownDialect, .root,
                   "Not recognisably a legacy, v1 or v2 event; checked against the v2 rules.",
                   hint: "A v2 event has event_name, user and context{event_id, event_timestamp} at the root.")
        case .v2:
            break
        }
    }

    /// The hint of `legacy-dialect` (joined once, not on every legacy event).
    static let legacyMigrationHint = "Rename event to event_name; move properties.* to the root and properties.user to user; "
        + "move eventId, eventTimestamp and device into context as event_id, event_timestamp and device "
        + "(userAgent → user_agent, cookies → cookie)."

    private func v1MigrationHint(_ root: JSONObject) -> String {
        var moves: [String] = []
        if let properties = root["properties"]?.objectValue {
            for member in properties.members.prefix(4) {
                moves.append("properties.\(member.key) → \(member.key)")
            }
            if properties.count > 4 { moves.append("…") }
        }
        for key in ["event_id", "event_timestamp", "device", "page", "app"] where root[key] != nil {
            moves.append("\(key) → context.\(key)")
        }
        if root["page"]?["location"] != nil { moves.append("page.location → context.page.url") }
        return moves.isEmpty ? "See NormalizedEvent.v2Value for the v2 form." : moves.joined(separator: "; ")
    }

    // MARK: Name

    /// Checks the event name and returns the standard event it names, if any (looked up once).
    mutating func checkName(_ value: JSONValue) -> EventSpec? {
        guard let nameValue = value[layout.name], !nameValue.isNull else {
            report(.error, Code.missingEventName, layout.name, "The event has no name (\(layout.name)).")
            return nil
        }
        guard case .string(let name) = nameValue else {
            report(.error, Code.invalidType, layout.name, "The event name must be a string, found \(nameValue.typeName).")
            return nil
        }
        if name.isEmpty {
            report(.error, Code.missingEventName, layout.name, "The event name is empty.")
            return nil
        }
        if let standard = SpecCatalogue.event(named: name) { return standard }
        if !NameSuggester.isSnakeCase(name) {
            let snake = NameSuggester.snakeCase(name)
            let standard = SpecCatalogue.event(named: snake) != nil
            report(.warning, Code.eventNameNotSnakeCase, layout.name,
                   standard
                       ? "Event name \"\(name)\" is not snake_case; the standard event is \"\(snake)\"."
                       : "Event name \"\(name)\" is not lowercase snake_case.",
                   hint: snake.isEmpty ? nil : "Use \"\(snake)\".")
            if standard { return nil }
        }
        if let suggestion = NameSuggester.suggestion(for: name, among: SpecCatalogue.standardEventNames),
           suggestion != NameSuggester.snakeCase(name) {
            report(.warning, Code.eventNameNearMiss, layout.name,
                   "\"\(name)\" is not a standard event: did you mean \"\(suggestion)\"?",
                   hint: "Custom events are allowed; if \"\(suggestion)\" was meant, fix the name so the standard rules apply.")
        }
        return nil
    }

    // MARK: Id

    mutating func checkEventId(_ value: JSONValue, root: JSONObject) {
        var path = layout.eventId
        var idValue = value[path]
        if idValue == nil, dialect == .v2 || dialect == .unknown, let misplaced = root["event_id"] {
            path = "event_id"
            idValue = misplaced
            report(.warning, Code.metadataOutsideContext, path, "event_id is at the root; v2 expects it in context.",
                   hint: "Move it to context.event_id.")
        }
        guard let idValue, !idValue.isNull else {
            report(.error, Code.missingEventId, layout.eventId, "The event has no id (\(layout.eventId)).",
                   hint: "Send a unique id per event so the platform can de-duplicate it.")
            return
        }
        switch idValue {
        case .string(let text) where text.isEmpty:
            report(.error, Code.missingEventId, path, "The event id is empty.")
        case .string, .number:
            break
        default:
            report(.error, Code.invalidType, path, "The event id must be a string, found \(idValue.typeName).")
        }
    }

    // MARK: Timestamp

    mutating func checkTimestamp(_ value: JSONValue, root: JSONObject) {
        var path = layout.timestamp
        var stamp = value[path]
        if stamp == nil, dialect == .v2 || dialect == .unknown, let misplaced = root["event_timestamp"] {
            path = "event_timestamp"
            stamp = misplaced
            report(.warning, Code.timestampOutsideContext, path,
                   "event_timestamp is at the event root; v2 expects it in context.",
                   hint: "Move it to context.event_timestamp.")
        }
        guard let stamp, !stamp.isNull else {
            report(.error, Code.missingTimestamp, layout.timestamp, "The event has no timestamp (\(layout.timestamp)).",
                   hint: "Send the time of the event in milliseconds since 1970.")
            return
        }
        let timestamp = EventTimestamp(stamp)
        switch timestamp.form {
        case .integerMilliseconds:
            break
        case .stringMilliseconds:
            report(.info, Code.timestampAsString, path,
                   "The timestamp is a string of milliseconds; the rule is an integer.",
                   hint: "Send \(timestamp.milliseconds.map(String.init) ?? "it") without quotes.")
        case .integerSeconds, .stringSeconds:
            report(.warning, Code.timestampInSeconds, path,
                   "The timestamp \(stamp.scalarText ?? "") looks like seconds, not milliseconds.",
                   hint: "Multiply by 1000: \(timestamp.milliseconds.map(String.init) ?? "").")
            return
        case .iso8601:
            report(.warning, Code.timestampISO8601, path,
                   "The timestamp is ISO-8601; the rule is an integer of milliseconds.",
                   hint: "Send \(timestamp.milliseconds.map(String.init) ?? "milliseconds since 1970").")
        case .invalid:
            report(.error, Code.invalidTimestamp, path,
                   stamp.isNumberOrString
                       ? "The timestamp \(stamp.scalarText ?? "") is neither milliseconds nor ISO-8601."
                       : "The timestamp must be an integer of milliseconds, found \(stamp.typeName).")
            return
        }
        if let ms = timestamp.milliseconds {
            if ms > nowMilliseconds + EventValidator.futureTolerance {
                report(.warning, Code.timestampInFuture, path, "The timestamp is more than a day in the future.",
                       hint: "Check the sender's clock and the unit (milliseconds).")
            } else if ms < EventValidator.earliestPlausibleTimestamp {
                report(.warning, Code.timestampInPast, path, "The timestamp is before the year 2000.",
                       hint: "Check the unit: milliseconds since 1970 have 13 digits today.")
            }
        }
    }

    // MARK: Context

    static let contextPath = JSONPath([.key("context")])
    static let contextPagePath = JSONPath([.key("context"), .key("page")])
    static let contextDevicePath = JSONPath([.key("context"), .key("device")])
    static let pagePath = JSONPath([.key("page")])
    static let devicePath = JSONPath([.key("device")])

    /// v2: `context` is required; metadata at the root is misplaced; page and device are checked.
    mutating func checkContext(_ root: JSONObject) {
        for key in ["device", "page", "app"] where root[key] != nil {
            report(.warning, Code.metadataOutsideContext, JSONPath([.key(key)]),
                   "\(key) is at the root; v2 expects it in context.", hint: "Move it to context.\(key).")
        }
        guard let contextValue = root["context"] else {
            report(.error, Code.missingContext, "context", "The event has no context (required in v2).",
                   hint: "Add context{event_id, event_timestamp, page, device}.")
            return
        }
        guard case .object(let context) = contextValue else {
            report(.error, Code.invalidType, "context", "context must be an object, found \(contextValue.typeName).")
            return
        }
        if let page = context["page"] {
            checkMetadataObject(page, spec: "page", path: Self.contextPagePath)
        }
        if let device = context["device"] {
            checkMetadataObject(device, spec: "device", path: Self.contextDevicePath)
        }
        if let app = context["app"], app.objectValue == nil {
            report(.error, Code.invalidType, Self.contextPath.appending("app"), "app must be an object, found \(app.typeName).")
        }
    }

    /// v1: root `page` and `device` are checked like v2's (same snake_case names). Legacy's
    /// camelCase device keys are its own and are left alone.
    mutating func checkLegacyAndV1Context(_ root: JSONObject) {
        guard dialect == .v1 else { return }
        if let page = root["page"] { checkMetadataObject(page, spec: "page", path: Self.pagePath) }
        if let device = root["device"] { checkMetadataObject(device, spec: "device", path: Self.devicePath) }
    }

    private mutating func checkMetadataObject(_ value: JSONValue, spec name: String, path: JSONPath) {
        guard case .object(let object) = value else {
            report(.error, Code.invalidType, path, "\(name) must be an object, found \(value.typeName).")
            return
        }
        checkObject(object, table: name == "page" ? Self.pageTable : Self.deviceTable, path: path, requireFields: false)
    }
}

extension JSONValue {
    var isNumberOrString: Bool {
        switch self {
        case .number, .string: true
        default: false
        }
    }
}
