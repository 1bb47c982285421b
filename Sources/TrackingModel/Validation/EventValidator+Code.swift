extension EventValidator {
    /// The stable codes of validation findings.
    public enum Code {
        // Shape and dialect
        public static let notAnObject = "not-an-object"
        public static let unknownDialect = "unknown-dialect"
        public static let legacyDialect = "legacy-dialect"
        public static let v1Dialect = "v1-dialect"
        public static let missingContext = "missing-context"
        public static let metadataOutsideContext = "metadata-outside-context"
        // Name, id, timestamp
        public static let missingEventName = "missing-event-name"
        public static let eventNameNotSnakeCase = "event-name-not-snake-case"
        public static let eventNameNearMiss = "event-name-near-miss"
        public static let missingEventId = "missing-event-id"
        public static let missingTimestamp = "missing-timestamp"
        public static let invalidTimestamp = "invalid-timestamp"
        public static let timestampAsString = "timestamp-as-string"
        public static let timestampISO8601 = "timestamp-iso8601"
        public static let timestampInSeconds = "timestamp-in-seconds"
        public static let timestampInFuture = "timestamp-in-future"
        public static let timestampInPast = "timestamp-in-past"
        public static let timestampOutsideContext = "timestamp-outside-context"
        // User
        public static let missingUser = "missing-user"
        public static let missingConsistentAnonymousId = "missing-consistent-anonymous-id"
        public static let missingConsentCategories = "missing-consent-categories"
        public static let emptyConsentCategories = "empty-consent-categories"
        public static let consentCategoriesAsNumbers = "consent-categories-as-numbers"
        public static let missingUserEmail = "missing-user-email"
        public static let invalidEmail = "invalid-email"
        public static let invalidPhone = "invalid-phone"
        public static let invalidDate = "invalid-date"
        public static let invalidHashedValue = "invalid-hashed-value"
        public static let hashedValueNotLowercase = "hashed-value-not-lowercase"
        // Fields
        public static let missingRequiredField = "missing-required-field"
        public static let invalidType = "invalid-type"
        public static let invalidEnumValue = "invalid-enum-value"
        public static let emptyValue = "empty-value"
        public static let missingCurrency = "missing-currency"
        public static let invalidCurrency = "invalid-currency"
        public static let emptyItems = "empty-items"
        public static let unexpectedItemCount = "unexpected-item-count"
        public static let invalidProductId = "invalid-product-id"
        public static let propertyNameNotSnakeCase = "property-name-not-snake-case"
        public static let propertyNameNearMiss = "property-name-near-miss"

        /// Every code with its severity and meaning, for documentation and `trackscope` help.
        public static let all: [(code: String, severity: Finding.Severity, meaning: String)] = [
            (notAnObject, .error, "The event is not a JSON object."),
            (unknownDialect, .warning, "Not recognisably legacy, v1 or v2; checked with the v2 rules."),
            (legacyDialect, .info, "Legacy (pre-2022) shape; the hint gives the v2 paths."),
            (v1Dialect, .warning, "v1 shape, no longer accepted since Dec 2023; the hint gives the v2 paths."),
            (missingContext, .error, "v2 event without `context` (the OpenAPI requires it)."),
            (metadataOutsideContext, .warning, "v2 event with `event_id`, `device`, `page` or `app` at the root instead of in `context`."),
            (missingEventName, .error, "No event name (`event_name`, legacy `event`), or an empty one."),
            (eventNameNotSnakeCase, .warning, "Event name not lowercase snake_case; the hint gives the snake_case form."),
            (eventNameNearMiss, .warning, "Custom event name one or two edits away from a standard one (`purchse`)."),
            (missingEventId, .error, "No event id."),
            (missingTimestamp, .error, "No event timestamp."),
            (invalidTimestamp, .error, "Timestamp neither milliseconds nor ISO-8601."),
            (timestampAsString, .info, "Timestamp as a string of milliseconds; the rule is an integer."),
            (timestampISO8601, .warning, "Timestamp in ISO-8601; the rule is milliseconds."),
            (timestampInSeconds, .warning, "Timestamp of at most 10 digits: looks like seconds, not milliseconds."),
            (timestampInFuture, .warning, "Timestamp more than a day in the future."),
            (timestampInPast, .warning, "Timestamp before 2000-01-01."),
            (timestampOutsideContext, .warning, "v2 `event_timestamp` at the root instead of in `context` (as in the vendor's batch example)."),
            (missingUser, .error, "No `user` object (it carries the required consent categories)."),
            (missingConsistentAnonymousId, .error, "v2 event without `user.consistent_anonymous_id`."),
            (missingConsentCategories, .error, "No `user.consent_categories`: the event reaches no destination."),
            (emptyConsentCategories, .warning, "Empty `consent_categories`: the event reaches no destination."),
            (consentCategoriesAsNumbers, .info, "Consent categories as numbers; the OpenAPI says strings."),
            (missingUserEmail, .warning, "No `user.email` nor `user.email_sha256` (the reference marks email required)."),
            (invalidEmail, .warning, "`email` does not look like an e-mail address."),
            (invalidPhone, .warning, "`phone` not in E.164 form (+ and 7 to 15 digits)."),
            (invalidDate, .warning, "A date field not in YYYY-MM-DD form."),
            (invalidHashedValue, .error, "A `_md5` / `_sha256` field that is not hex of 32 / 64 digits."),
            (hashedValueNotLowercase, .warning, "A hashed field in uppercase hex; the rule is lowercase."),
            (missingRequiredField, .error, "A field the standard event, item or product requires is missing (or null)."),
            (invalidType, .error, "A field of the wrong JSON type (a string where a number is expected, ...)."),
            (invalidEnumValue, .error, "A value outside the field's enumeration (page_type, payment_method, status, type, ...)."),
            (emptyValue, .warning, "A required string field that is empty."),
            (missingCurrency, .error, "`value` or `revenue` set without `currency`."),
            (invalidCurrency, .error, "`currency` not an ISO 4217 code of three capital letters."),
            (emptyItems, .warning, "A required `items` array that is empty."),
            (unexpectedItemCount, .warning, "`select_item` with other than exactly one item."),
            (invalidProductId, .warning, "A product id that is not a string of 1 to 50 characters."),
            (propertyNameNotSnakeCase, .warning, "A property name not in snake_case; the hint gives the snake_case form."),
            (propertyNameNearMiss, .warning, "An unknown property one or two edits away from a field of the spec (`coupn`)."),
        ]
    }
}
