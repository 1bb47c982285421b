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
        var header = header
        return header.withUTF8 { parse(bytes: $0) }
    }

    /// Works on bytes: every separator is ASCII, so cutting there keeps UTF-8 intact.
    private static func parse(bytes: UnsafeBufferPointer<UInt8>) -> [Cookie] {
        var cookies: [Cookie] = []
        var partStart = 0
        let count = bytes.count
        while partStart <= count {
            var partEnd = partStart
            while partEnd < count, bytes[partEnd] != UInt8(ascii: ";") { partEnd += 1 }
            defer { partStart = partEnd + 1 }
            let (start, end) = trimmed(bytes, partStart, partEnd)
            if start == end { continue }
            var equals = start
            while equals < end, bytes[equals] != UInt8(ascii: "=") { equals += 1 }
            if equals == end {
                cookies.append(Cookie(name: string(bytes, start, end), value: ""))
                continue
            }
            let (nameStart, nameEnd) = trimmed(bytes, start, equals)
            var (valueStart, valueEnd) = trimmed(bytes, equals + 1, end)
            if valueEnd - valueStart >= 2, bytes[valueStart] == UInt8(ascii: "\""), bytes[valueEnd - 1] == UInt8(ascii: "\"") {
                valueStart += 1
                valueEnd -= 1
            }
            if nameStart == nameEnd && valueStart == valueEnd { continue }
            cookies.append(Cookie(name: string(bytes, nameStart, nameEnd), value: string(bytes, valueStart, valueEnd)))
        }
        return cookies
    }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
        var start = start
        var end = end
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return (start, end)
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
}
