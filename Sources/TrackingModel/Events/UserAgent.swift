import Foundation

/// What a person reads from a `User-Agent` string: the browser and its major version, the system
/// and its version, and the kind of device. Read from well-known markers only (no catalogue of
/// devices); what cannot be told is nil. Only the first 1,024 characters are looked at.
public struct UserAgent: Sendable, Hashable {
    /// The kind of device the string says it runs on.
    public enum DeviceKind: String, Sendable, Hashable {
        case desktop, mobile, tablet
        /// A crawler, a monitor or a command-line client (curl, python-requests, ...).
        case bot
    }

    /// "Chrome 131", "Firefox 133", "Safari 17", "Edge 131", "curl 8", ...
    public var browser: String?
    /// "Windows 10/11", "macOS 10.15.7", "iOS 17.1", "Android 14", "Linux", "ChromeOS".
    public var system: String?
    public var device: DeviceKind

    /// Reads `text`; nil when it is empty.
    public init?(_ text: String) {
        let text = String(text.prefix(1024))
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        browser = Self.browser(in: text)
        system = Self.system(in: text)
        device = Self.device(in: text)
    }

    /// One line: "Firefox 133 on Linux, desktop".
    public var summary: String {
        var parts: [String] = []
        if let browser { parts.append(browser) }
        if let system { parts.append(parts.isEmpty ? system : "on " + system) }
        let head = parts.isEmpty ? "unknown client" : parts.joined(separator: " ")
        return head + ", " + device.rawValue
    }

    // MARK: Markers

    /// Browsers by the marker that names them, most specific first (Edge and Opera also say
    /// Chrome; Chrome also says Safari).
    private static let browserMarkers: [(marker: String, name: String)] = [
        ("EdgA/", "Edge"), ("EdgiOS/", "Edge"), ("Edg/", "Edge"), ("Edge/", "Edge"),
        ("OPR/", "Opera"), ("SamsungBrowser/", "Samsung Internet"), ("YaBrowser/", "Yandex Browser"),
        ("FxiOS/", "Firefox"), ("Firefox/", "Firefox"), ("CriOS/", "Chrome"), ("Chrome/", "Chrome"),
        ("curl/", "curl"), ("Wget/", "Wget"), ("python-requests/", "python-requests"),
        ("okhttp/", "OkHttp"), ("Go-http-client/", "Go HTTP client"), ("PostmanRuntime/", "Postman"),
    ]

    private static let botMarkers = ["bot", "crawler", "spider", "slurp", "curl/", "wget/", "python-requests/",
                                     "go-http-client/", "okhttp/", "postmanruntime/", "headlesschrome"]

    private static func browser(in text: String) -> String? {
        for (marker, name) in browserMarkers {
            if let version = version(after: marker, in: text) { return "\(name) \(major(version))" }
        }
        if text.contains("Safari/"), let version = version(after: "Version/", in: text) { return "Safari \(major(version))" }
        if text.contains("Trident/"), let version = version(after: "rv:", in: text) { return "Internet Explorer \(major(version))" }
        return nil
    }

    private static func system(in text: String) -> String? {
        if let version = version(after: "Windows NT ", in: text) {
            switch version {
            case "10.0": return "Windows 10/11"
            case "6.3": return "Windows 8.1"
            case "6.2": return "Windows 8"
            case "6.1": return "Windows 7"
            default: return "Windows NT \(version)"
            }
        }
        if let version = version(after: "iPhone OS ", in: text) { return "iOS " + dotted(version) }
        if text.contains("iPad"), let version = version(after: "CPU OS ", in: text) { return "iPadOS " + dotted(version) }
        if let version = version(after: "Android ", in: text) { return "Android " + version }
        if text.contains("Android") { return "Android" }
        if let version = version(after: "Mac OS X ", in: text) { return "macOS " + dotted(version) }
        if text.contains("CrOS") { return "ChromeOS" }
        if text.contains("Linux") { return "Linux" }
        return nil
    }

    private static func device(in text: String) -> DeviceKind {
        let lower = text.lowercased()
        if botMarkers.contains(where: lower.contains) { return .bot }
        if text.contains("iPad") || text.contains("Tablet") || (text.contains("Android") && !text.contains("Mobile")) {
            return .tablet
        }
        if text.contains("Mobile") || text.contains("iPhone") { return .mobile }
        return .desktop
    }

    /// The version that follows `marker`: digits, dots and underscores.
    private static func version(after marker: String, in text: String) -> String? {
        guard let range = text.range(of: marker) else { return nil }
        let version = text[range.upperBound...].prefix { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "_") }
        let trimmed = version.trimmingCharacters(in: CharacterSet(charactersIn: "._"))
        return trimmed.isEmpty ? nil : trimmed
    }

    private static func major(_ version: String) -> String {
        String(version.prefix { $0 != "." && $0 != "_" })
    }

    private static func dotted(_ version: String) -> String {
        version.replacingOccurrences(of: "_", with: ".")
    }
}
