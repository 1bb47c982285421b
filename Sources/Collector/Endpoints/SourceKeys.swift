import CaptureLog
import TrackingModel

/// The source keys the collector accepts (`--source-key KEY` or `--source-key SITE=KEY`).
///
/// When none are configured, keys are not checked at all. When some are, a request without a key is
/// an error finding `missing-source-key`, and one whose key is not known (for its site) is an error
/// finding `unknown-source-key`; under `--strict` both are answered 401.
public struct SourceKeys: Sendable, Hashable {
    /// Keys accepted for every site.
    public private(set) var anySite: Set<String> = []
    /// Keys accepted for one site only.
    public private(set) var bySite: [String: Set<String>] = [:]

    public init() {}

    /// Parses `KEY` (any site) and `SITE=KEY` (that site only) arguments.
    public init(arguments: [String]) {
        for argument in arguments { add(argument) }
    }

    /// Adds one `KEY` or `SITE=KEY` argument.
    public mutating func add(_ argument: String) {
        if let equals = argument.firstIndex(of: "="), equals != argument.startIndex {
            let site = String(argument[..<equals])
            let key = String(argument[argument.index(after: equals)...])
            bySite[site, default: []].insert(key)
        } else {
            anySite.insert(argument)
        }
    }

    /// Whether no key is configured (then keys are not checked).
    public var isEmpty: Bool { anySite.isEmpty && bySite.isEmpty }

    /// Whether `key` is accepted for `siteId`.
    public func accepts(key: String, siteId: String?) -> Bool {
        if anySite.contains(key) { return true }
        if let siteId, let keys = bySite[siteId], keys.contains(key) { return true }
        return false
    }

    /// The finding for a request carrying `key` (nil when it carries none) for `siteId`, or nil when
    /// the key is fine or keys are not checked. The key itself never appears in the finding.
    public func check(key: String?, siteId: String?) -> Finding? {
        guard !isEmpty else { return nil }
        guard let key, !key.isEmpty else {
            return Finding(
                severity: .error, code: CollectorFindingCode.missingSourceKey, path: "$",
                message: "The request carries no source key (neither a token parameter nor an Authorization: Bearer header).",
                hint: "Send Authorization: Bearer KEY, or token=KEY in the query for the /events endpoints."
            )
        }
        guard accepts(key: key, siteId: siteId) else {
            let site = siteId.map { " for site \($0)" } ?? ""
            return Finding(
                severity: .error, code: CollectorFindingCode.unknownSourceKey, path: "$",
                message: "The source key is not one the collector was started with\(site).",
                hint: "Check the key, or start trackscope collect with --source-key SITE=KEY."
            )
        }
        return nil
    }
}
