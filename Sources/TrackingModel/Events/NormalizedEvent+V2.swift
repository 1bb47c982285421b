extension NormalizedEvent {
    /// The event rewritten in the current (v2) shape by `DialectConverter`: legacy and v1
    /// properties move to the root, `event_id`, `event_timestamp`, `device`, `page` and `app` move
    /// into `context`, and legacy camelCase names become snake_case (`eventId` → `event_id`,
    /// `userAgent` → `user_agent`, `cookies` → `cookie`, `page.location` → `page.url`). A v2 event
    /// comes back as sent, except that a root `event_id` / `event_timestamp` moves into `context`.
    /// Values are never changed. Used for migration hints and by the filter language
    /// (`user.id:42` on every dialect).
    public var v2Value: JSONValue {
        DialectConverter.convert(source, from: dialect, to: .v2).value
    }
}
