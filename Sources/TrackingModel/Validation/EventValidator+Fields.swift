extension EventValidator.Run {
    /// Keys of the data object that are not event properties (metadata, checked elsewhere).
    static let v2MetadataKeys: NameIndex = [
        "event_name", "user", "context", "event_id", "event_timestamp", "device", "page", "app",
    ]

    /// Fields checked on every event, standard or custom (types and the currency rule).
    static let commonFields = FieldTable(["value", "revenue", "currency", "items", "coupon"].compactMap {
        SpecCatalogue.event(named: "begin_checkout")?.field(named: $0)?.with(.optional)
    })

    /// The catalogue's object tables, looked up once.
    static let userTable = SpecCatalogue.object(named: "user")!.table
    static let itemTable = SpecCatalogue.object(named: "item")!.table
    static let productTable = SpecCatalogue.object(named: "product")!.table
    static let pageTable = SpecCatalogue.object(named: "page")!.table
    static let deviceTable = SpecCatalogue.object(named: "device")!.table

    // MARK: Event data

    mutating func checkData(_ data: JSONObject, spec: EventSpec?) {
        let base = layout.data
        let skip: NameIndex = dialect == .legacy || dialect == .v1 ? Self.propertiesMetadataKeys : Self.v2MetadataKeys
        let currencyRequired: Bool
        if let spec {
            let table = spec.table
            checkObject(data, table: table, path: base, requireFields: true, skip: skip, suggest: true)
            if table.field(named: "items")?.isRequired == true, case .array(let items)? = data["items"] {
                if items.isEmpty {
                    report(.warning, Code.emptyItems, base.appending("items"), "\(spec.name) requires items, and the array is empty.")
                } else if spec.name == "select_item", items.count != 1 {
                    report(.warning, Code.unexpectedItemCount, base.appending("items"),
                           "select_item carries exactly one item, found \(items.count).")
                }
            }
            currencyRequired = table.field(named: "currency")?.isRequired == true
        } else {
            checkObject(data, table: Self.commonFields, path: base, requireFields: false, skip: skip, suggest: false)
            currencyRequired = false
        }
        // The currency rule: an amount needs its currency.
        if !currencyRequired, data.isSet("value") || data.isSet("revenue"), !data.isSet("currency") {
            report(.error, Code.missingCurrency, base.appending("currency"),
                   "\(data.isSet("value") ? "value" : "revenue") is set, so currency must be set too.",
                   hint: "Add an ISO 4217 code such as \"EUR\".")
        }
    }

    static let propertiesMetadataKeys: NameIndex = ["user"]

    // MARK: Objects and fields

    /// Checks the members of `object` against `table`: required ones present (when asked), types,
    /// enumerations, naming, near misses.
    mutating func checkObject(
        _ object: JSONObject,
        table: FieldTable,
        path: JSONPath,
        requireFields: Bool,
        skip: NameIndex? = nil,
        suggest: Bool = false
    ) {
        if requireFields {
            for field in table.required {
                let value = object[field.name]
                if value == nil || value!.isNull {
                    var hint: String? = nil
                    if let typo = NameSuggester.suggestion(for: field.name, among: object.keys) {
                        hint = "Found \"\(typo)\": did you mean \"\(field.name)\"?"
                    } else if let allowed = field.allowedValues {
                        hint = "One of: \(allowed.joined(separator: ", "))."
                    }
                    report(.error, Code.missingRequiredField, path.appending(field.name),
                           value == nil ? "\(field.name) is required." : "\(field.name) is required and is null.",
                           hint: hint ?? field.explanation)
                }
            }
        }
        for member in object.members {
            if let skip, skip.contains(member.key) { continue }
            if let field = table.field(named: member.key) {
                checkValue(member.value, field: field, parent: path, key: member.key)
                continue
            }
            if !NameSuggester.isSnakeCase(member.key) {
                let snake = NameSuggester.snakeCase(member.key)
                report(.warning, Code.propertyNameNotSnakeCase, path.appending(member.key),
                       "Property \"\(member.key)\" is not lowercase snake_case.",
                       hint: snake.isEmpty ? nil : "Use \"\(snake)\".")
            } else if suggest, !table.names.isEmpty,
                      let suggestion = NameSuggester.suggestion(for: member.key, among: table.names),
                      !object.isSet(suggestion) {
                report(.warning, Code.propertyNameNearMiss, path.appending(member.key),
                       "Unknown property \"\(member.key)\": did you mean \"\(suggestion)\"?")
            }
        }
    }

    /// Checks one value (the member `key` of the object at `parent`) against its field's type and
    /// enumeration. The member's path is only built when something is reported.
    mutating func checkValue(_ value: JSONValue, field: FieldSpec, parent: JSONPath, key: String) {
        if value.isNull { return }  // null is read as "not set"; required fields are checked before
        func path() -> JSONPath { parent.appending(key) }
        switch field.type {
        case .string:
            guard case .string(let text) = value else { return typeMismatch(value, field: field, path: path()) }
            if let allowed = field.allowedValues, !allowed.contains(text) {
                let suggestion = NameSuggester.suggestion(for: text, among: allowed)
                let list = "Allowed: \(allowed.joined(separator: ", "))."
                report(.error, Code.invalidEnumValue, path(), "\"\(text)\" is not an allowed \(field.name).",
                       hint: suggestion.map { "Did you mean \"\($0)\"? " + list } ?? list)
            } else if text.isEmpty, field.isRequired {
                report(.warning, Code.emptyValue, path(), "\(field.name) is empty.")
            }
        case .number:
            guard case .number = value else { return typeMismatch(value, field: field, path: path()) }
        case .integer:
            guard case .number(let number) = value, number.isInteger else { return typeMismatch(value, field: field, path: path()) }
        case .boolean:
            guard case .bool = value else { return typeMismatch(value, field: field, path: path()) }
        case .object:
            guard case .object(let object) = value else { return typeMismatch(value, field: field, path: path()) }
            if field.objectName == "product" { checkProduct(object, path: path()) }
        case .identifier:
            switch value {
            case .string(let text) where text.isEmpty:
                report(field.isRequired ? .error : .warning, field.isRequired ? Code.missingRequiredField : Code.emptyValue,
                       path(), "\(field.name) is empty.")
            case .string, .number:
                break
            default:
                typeMismatch(value, field: field, path: path())
            }
        case .stringArray:
            guard case .array(let elements) = value else { return typeMismatch(value, field: field, path: path()) }
            for (index, element) in elements.enumerated() where element.stringValue == nil {
                report(.error, Code.invalidType, path().appending(index),
                       "\(field.name) holds strings, found \(element.typeName).")
            }
        case .objectArray:
            guard case .array(let elements) = value else { return typeMismatch(value, field: field, path: path()) }
            if field.objectName == "item" { checkItems(elements, path: path()) }
        case .categoryArray:
            guard case .array = value else { return typeMismatch(value, field: field, path: path()) }
        case .date:
            guard case .string(let text) = value else { return typeMismatch(value, field: field, path: path()) }
            if !text.isISODate {
                report(.warning, Code.invalidDate, path(), "\(field.name) \"\(text)\" is not a YYYY-MM-DD date.")
            }
        case .timestamp:
            break
        case .currency:
            if case .string(let code) = value, SpecCatalogue.currencyCodes.contains(code) { return }
            checkCurrency(value, path: path())
        }
    }

    private mutating func typeMismatch(_ value: JSONValue, field: FieldSpec, path: JSONPath) {
        var hint: String? = nil
        if (field.type == .number || field.type == .integer), case .string(let text) = value, Double(text) != nil {
            hint = "Send the number without quotes: \(text)."
        } else if field.type == .string || field.type == .identifier, case .number(let number) = value {
            hint = "Send it as a string: \"\(number.literal)\"."
        }
        report(.error, Code.invalidType, path, "\(field.name) must be \(field.type.displayName), found \(value.typeName).",
               hint: hint)
    }

    mutating func checkCurrency(_ value: JSONValue, path: JSONPath) {
        guard case .string(let code) = value else {
            report(.error, Code.invalidType, path, "currency must be a string, found \(value.typeName).")
            return
        }
        if SpecCatalogue.currencyCodes.contains(code) { return }
        let upper = code.uppercased()
        if SpecCatalogue.currencyCodes.contains(upper) {
            report(.error, Code.invalidCurrency, path, "Currency \"\(code)\" must be in capital letters.", hint: "Use \"\(upper)\".")
        } else {
            report(.error, Code.invalidCurrency, path, "\"\(code)\" is not an ISO 4217 currency code.",
                   hint: "Use three capital letters such as EUR, USD, GBP.")
        }
    }

    // MARK: Items and products

    mutating func checkItems(_ elements: [JSONValue], path: JSONPath) {
        for (index, element) in elements.enumerated() {
            let itemPath = path.appending(index)
            guard case .object(let item) = element else {
                report(.error, Code.invalidType, itemPath, "An item must be an object, found \(element.typeName).")
                continue
            }
            checkObject(item, table: Self.itemTable, path: itemPath, requireFields: true, suggest: true)
        }
    }

    mutating func checkProduct(_ product: JSONObject, path: JSONPath) {
        checkObject(product, table: Self.productTable, path: path, requireFields: true, suggest: true)
        if let id = product["id"] {
            switch id {
            case .string(let text) where text.count > 50:
                report(.warning, Code.invalidProductId, path.appending("id"),
                       "A product id has 1 to 50 characters, this one has \(text.count).")
            case .number(let number):
                report(.warning, Code.invalidProductId, path.appending("id"), "A product id is a string.",
                       hint: "Send \"\(number.literal)\".")
            default:
                break
            }
        }
    }
}

extension JSONObject {
    /// True when `key` is present with a non-null value.
    func isSet(_ key: String) -> Bool {
        guard let value = self[key] else { return false }
        return !value.isNull
    }
}

extension String {
    /// `YYYY-MM-DD` with a plausible month and day.
    var isISODate: Bool {
        let bytes = Array(utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        for index in [0, 1, 2, 3, 5, 6, 8, 9] where !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            return false
        }
        let month = Int(bytes[5] - 48) * 10 + Int(bytes[6] - 48)
        let day = Int(bytes[8] - 48) * 10 + Int(bytes[9] - 48)
        return (1...12).contains(month) && (1...31).contains(day)
    }
}
