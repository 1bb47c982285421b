import Foundation

/// Checks one event against the rules of the reference and says what is wrong, where, and what to
/// do about it. Runs on every captured event: no regular expressions, catalogue lookups are
/// dictionaries, and paths are only built for findings actually reported.
///
/// Finding codes are stable (see `EventValidator.Code` and the README's table).
public enum EventValidator {
    /// Validates `value`, detecting its dialect.
    public static func validate(_ value: JSONValue) -> [Finding] {
        validate(value, dialect: nil, now: Date())
    }

    /// Validates `value` as `dialect` (when it is already known, e.g. from the capture record).
    public static func validate(_ value: JSONValue, dialect: Dialect) -> [Finding] {
        validate(value, dialect: dialect, now: Date())
    }

    /// Validates `value` as `dialect` (detected when nil), judging timestamps against `now`.
    public static func validate(_ value: JSONValue, dialect: Dialect?, now: Date) -> [Finding] {
        validateWithPaths(value, dialect: dialect ?? DialectDetector.detect(value), now: now).findings
    }

    /// Validates `value` as `dialect`, judging timestamps against `now`, and gives the path of
    /// each finding as components too (for placing it in the source without reading its text).
    static func validateWithPaths(_ value: JSONValue, dialect: Dialect, now: Date) -> (findings: [Finding], paths: [JSONPath]) {
        var run = Run(dialect: dialect, now: now)
        run.validate(value)
        return (run.findings, run.paths)
    }

    /// Timestamps earlier than this (2000-01-01T00:00:00Z, in ms) are reported as far in the past.
    public static let earliestPlausibleTimestamp: Int64 = 946_684_800_000
    /// Timestamps later than now plus this many milliseconds (one day) are reported as in the future.
    public static let futureTolerance: Int64 = 86_400_000

    /// The state of one validation: the findings so far.
    struct Run {
        let dialect: Dialect
        let layout: NormalizedEvent.Layout
        let nowMilliseconds: Int64
        var findings: [Finding] = []
        /// The path of each finding.
        var paths: [JSONPath] = []

        init(dialect: Dialect, now: Date) {
            self.dialect = dialect
            self.layout = .of(dialect)
            self.nowMilliseconds = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
            findings.reserveCapacity(8)
            paths.reserveCapacity(8)
        }

        mutating func report(
            _ severity: Finding.Severity, _ code: String, _ path: JSONPath, _ message: String, hint: String? = nil
        ) {
            findings.append(Finding(severity: severity, code: code, path: path.description, message: message, hint: hint))
            paths.append(path)
        }

        mutating func validate(_ value: JSONValue) {
            guard case .object(let root) = value else {
                report(.error, Code.notAnObject, .root, "An event must be a JSON object, found \(value.typeName).")
                return
            }
            checkDialect(root)
            let standard = checkName(value)
            checkEventId(value, root: root)
            checkTimestamp(value, root: root)
            if dialect == .v2 || dialect == .unknown { checkContext(root) }

            // The event's own data.
            var data = JSONObject()
            switch dialect {
            case .legacy, .v1:
                if let properties = root["properties"] {
                    if case .object(let object) = properties {
                        data = object
                    } else {
                        report(.error, Code.invalidType, layout.data,
                               "properties must be an object, found \(properties.typeName).")
                    }
                }
                checkLegacyAndV1Context(root)
            case .v2, .unknown:
                data = root
            }
            checkUser(value)
            checkData(data, spec: standard)
        }
    }
}
