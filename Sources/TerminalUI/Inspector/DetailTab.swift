/// The tabs of the detail screen, in order (keys `1` … `5`).
public enum DetailTab: Int, Sendable, Hashable, CaseIterable {
    case tree, raw, headers, findings, answer

    /// The name on the tab bar.
    public var title: String {
        switch self {
        case .tree: "Tree"
        case .raw: "Raw"
        case .headers: "Headers"
        case .findings: "Findings"
        case .answer: "Answer"
        }
    }

    /// The tab after (or before, `by: -1`) this one, wrapping around.
    public func moved(by step: Int) -> DetailTab {
        let count = Self.allCases.count
        return DetailTab(rawValue: ((rawValue + step) % count + count) % count) ?? .tree
    }
}
