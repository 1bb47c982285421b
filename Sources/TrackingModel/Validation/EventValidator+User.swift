extension EventValidator.Run {
    /// The user object: present, consent categories, v2's consistent anonymous id, e-mail, phone,
    /// hashed fields, types and enumerations.
    static let userSkippedKeys: NameIndex = ["consent_categories"]

    mutating func checkUser(_ value: JSONValue) {
        let path = layout.user
        guard let userValue = value[path], !userValue.isNull else {
            report(.error, Code.missingUser, path, "The event has no user (\(path)).",
                   hint: "Every event needs user.consent_categories\(dialect == .v2 ? " and user.consistent_anonymous_id" : "").")
            return
        }
        guard case .object(let user) = userValue else {
            report(.error, Code.invalidType, path, "user must be an object, found \(userValue.typeName).")
            return
        }
        checkConsent(user, path: path)
        if dialect == .v2 || dialect == .unknown {
            let cid = user["consistent_anonymous_id"]
            if cid == nil || cid!.isNull || cid == .string("") {
                report(.error, Code.missingConsistentAnonymousId, path.appending("consistent_anonymous_id"),
                       "user.consistent_anonymous_id is required in v2.",
                       hint: "Send the platform's anonymous id (the web CAID cookie, or the app's id).")
            }
        }
        if !user.isSet("email") && !user.isSet("email_sha256") {
            report(.warning, Code.missingUserEmail, path.appending("email"),
                   "The user has neither email nor email_sha256 (the reference marks email required).",
                   hint: "Send email, or its SHA-256 as email_sha256.")
        }
        for member in user.members {
            func memberPath() -> JSONPath { path.appending(member.key) }
            switch member.key {
            case "consent_categories":
                continue
            case "email":
                if case .string(let email) = member.value, !email.looksLikeEmail {
                    report(.warning, Code.invalidEmail, memberPath(), "\"\(email)\" does not look like an e-mail address.")
                }
            case "phone":
                if case .string(let phone) = member.value, !phone.isE164 {
                    report(.warning, Code.invalidPhone, memberPath(), "\"\(phone)\" is not in E.164 form.",
                           hint: "Write it as + then the country code and number, digits only: +33612345678.")
                }
            default:
                break
            }
            if let length = member.key.hashedSuffixLength {
                checkHash(member.value, length: length, key: member.key, path: memberPath())
            }
        }
        checkObject(user, table: Self.userTable, path: path, requireFields: false, skip: Self.userSkippedKeys, suggest: true)
    }

    private mutating func checkConsent(_ user: JSONObject, path userPath: JSONPath) {
        func path() -> JSONPath { userPath.appending("consent_categories") }
        guard let consent = user["consent_categories"], !consent.isNull else {
            report(.error, Code.missingConsentCategories, path(),
                   "user.consent_categories is missing: the event reaches no destination.",
                   hint: "Send the categories the user consented to, such as [\"1\", \"3\"].")
            return
        }
        guard case .array(let categories) = consent else {
            report(.error, Code.invalidType, path(), "consent_categories must be an array of strings, found \(consent.typeName).")
            return
        }
        if categories.isEmpty {
            report(.warning, Code.emptyConsentCategories, path(),
                   "consent_categories is empty: the event reaches no destination.",
                   hint: "An event reaches a destination only when one of the user's categories matches its consent filter.")
            return
        }
        var numbers = false
        for (index, category) in categories.enumerated() {
            switch category {
            case .string: break
            case .number: numbers = true
            default:
                report(.error, Code.invalidType, path().appending(index),
                       "A consent category is a string, found \(category.typeName).")
            }
        }
        if numbers {
            var hint = "Send ["
            for (index, category) in categories.enumerated() {
                hint += index == 0 ? "\"" : ", \""
                hint += category.scalarText ?? ""
                hint += "\""
            }
            hint += "]."
            report(.info, Code.consentCategoriesAsNumbers, path(),
                   "Consent categories are numbers; the OpenAPI description says strings.", hint: hint)
        }
    }

    private mutating func checkHash(_ value: JSONValue, length: Int, key: String, path: JSONPath) {
        guard case .string(let text) = value else {
            report(.error, Code.invalidType, path, "\(key) must be a string, found \(value.typeName).")
            return
        }
        var uppercase = false
        var valid = text.utf8.count == length
        if valid {
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"): break
                case UInt8(ascii: "A")...UInt8(ascii: "F"): uppercase = true
                default: valid = false
                }
            }
        }
        if !valid {
            report(.error, Code.invalidHashedValue, path,
                   "\(key) must be \(length) hexadecimal digits (\(length == 32 ? "MD5" : "SHA-256")).",
                   hint: "Hash the trimmed, lowercased value and send the digest as lowercase hex.")
        } else if uppercase {
            report(.warning, Code.hashedValueNotLowercase, path, "\(key) is in uppercase hex; the rule is lowercase.",
                   hint: "Send \"\(text.lowercased())\".")
        }
    }
}

extension String {
    /// 32 for a `_md5` name, 64 for a `_sha256` name, nil otherwise (compared on bytes; most
    /// names end in neither digit and are told apart by their last byte).
    var hashedSuffixLength: Int? {
        let bytes = utf8
        guard let last = bytes.last, last == UInt8(ascii: "5") || last == UInt8(ascii: "6") else { return nil }
        if bytes.count > 4, bytes.suffix(4).elementsEqual("_md5".utf8) { return 32 }
        if bytes.count > 7, bytes.suffix(7).elementsEqual("_sha256".utf8) { return 64 }
        return nil
    }

    /// One `@` with something before it and a dotted domain after it; no spaces. Read on the
    /// contiguous bytes (iterating a small string's UTF8View costs several times more).
    var looksLikeEmail: Bool {
        var text = self
        return text.withUTF8 { Self.looksLikeEmail($0) }
    }

    private static func looksLikeEmail(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var at: Int? = nil
        var count = 0
        var lastDot: Int? = nil
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "@"):
                if at != nil { return false }
                at = count
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                return false
            case UInt8(ascii: "."):
                if at != nil { lastDot = count }
            default:
                break
            }
            count += 1
        }
        guard let at, at > 0, let lastDot else { return false }
        return lastDot > at + 1 && lastDot < count - 1
    }

    /// `+` then 7 to 15 digits, the first not 0.
    var isE164: Bool {
        let bytes = utf8
        guard bytes.first == UInt8(ascii: "+") else { return false }
        var digits = 0
        for byte in bytes.dropFirst() {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return false }
            if digits == 0 && byte == UInt8(ascii: "0") { return false }
            digits += 1
        }
        return (7...15).contains(digits)
    }
}
