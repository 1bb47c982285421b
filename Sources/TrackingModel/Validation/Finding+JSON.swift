extension Finding {
    /// One member value of a finding's JSON form.
    public enum JSONField {
        case string(String)
        case int(Int)
    }

    /// The finding's JSON form, member by member: `severity`, `code`, `path`, `message`, then
    /// `hint`, `line` and `column` when they are set. The capture log, the collector's answers and
    /// `jsonValue` all write a finding through this, so it has one JSON form everywhere.
    @inlinable @inline(__always)
    public func forEachJSONMember(_ body: (StaticString, JSONField) -> Void) {
        body("severity", .string(severity.rawValue))
        body("code", .string(code))
        body("path", .string(path))
        body("message", .string(message))
        if let hint { body("hint", .string(hint)) }
        if let line { body("line", .int(line)) }
        if let column { body("column", .int(column)) }
    }

    /// The finding as a JSON object (its JSON form, for building larger values).
    public var jsonValue: JSONValue {
        var members: [JSONObject.Member] = []
        members.reserveCapacity(7)
        forEachJSONMember { key, field in
            let value: JSONValue
            switch field {
            case .string(let text): value = .string(text)
            case .int(let number): value = .number(JSONNumber(number))
            }
            members.append(JSONObject.Member(key: key.description, value: value))
        }
        return .object(JSONObject(members))
    }

    /// Reads a finding written in its JSON form (unknown members are stepped over; an unknown
    /// severity reads as `info`; `null` stands for a missing hint, line or column).
    public init(reading reader: inout JSONPullReader) throws(JSONReadError) {
        self.init(severity: .info, code: "", path: "$", message: "")
        try reader.readObject { (reader: inout JSONPullReader, key: JSONPullKey) throws(JSONReadError) in
            if key.matches("severity") {
                severity = Finding.Severity(rawValue: try reader.readString()) ?? .info
            } else if key.matches("code") {
                code = try reader.readString()
            } else if key.matches("path") {
                path = try reader.readString()
            } else if key.matches("message") {
                message = try reader.readString()
            } else if key.matches("hint") {
                hint = reader.consumeNull() ? nil : try reader.readString()
            } else if key.matches("line") {
                line = reader.consumeNull() ? nil : Int(try reader.readInt())
            } else if key.matches("column") {
                column = reader.consumeNull() ? nil : Int(try reader.readInt())
            } else {
                try reader.skipValue()
            }
        }
    }
}
