extension JSONValue {
    /// An object from `(key, value)` pairs, in order, leaving out the nil values (for answers
    /// whose optional members are absent rather than null).
    public static func compactObject(_ pairs: [(String, JSONValue?)]) -> JSONValue {
        .object(JSONObject(pairs.compactMap { key, value in value.map { JSONObject.Member(key: key, value: $0) } }))
    }

    /// An integer as a JSON number.
    public static func integer(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }

    /// An unsigned 64-bit integer (a sequence number) as a JSON number.
    public static func integer(_ value: UInt64) -> JSONValue { .number(JSONNumber(validatedLiteral: String(value))) }
}
