/// One cookie of a `Cookie` header string.
public struct Cookie: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    public var description: String { "\(name)=\(value)" }
}

/// Parses the `cookies` (legacy) / `cookie` (v1, v2) strings of a device: `_fbp=123; _fbc=456`.
///
/// Rules: parts are separated by `;`; spaces and tabs around parts, names and values are trimmed;
/// empty parts are skipped; the name ends at the first `=` so a value may itself contain `=`
/// (`_ga=GA1.3=x`); a value wrapped in double quotes loses them; a part without `=` is a cookie
/// with that name and an empty value. Order is kept, and so are repeated names.
public enum CookieParser {
    public static func parse(_ header: String) -> [Cookie] {
        var cookies: [Cookie] = []
        for part in header.split(separator: ";", omittingEmptySubsequences: true) {
            let trimmed = part.trimmingSpaces()
            if trimmed.isEmpty { continue }
            if let equals = trimmed.firstIndex(of: "=") {
                let name = trimmed[..<equals].trimmingSpaces()
                var value = trimmed[trimmed.index(after: equals)...].trimmingSpaces()
                if value.count >= 2, value.first == "\"", value.last == "\"" {
                    value = value.dropFirst().dropLast()
                }
                if name.isEmpty && value.isEmpty { continue }
                cookies.append(Cookie(name: String(name), value: String(value)))
            } else {
                cookies.append(Cookie(name: String(trimmed), value: ""))
            }
        }
        return cookies
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var start = startIndex
        var end = endIndex
        while start < end, self[start] == " " || self[start] == "\t" { start = index(after: start) }
        while end > start {
            let before = index(before: end)
            if self[before] == " " || self[before] == "\t" { end = before } else { break }
        }
        return self[start..<end]
    }
}
