/// The columns of the record list and how they fit a width: narrow terminals drop the least
/// needed columns first (user, site, dialect, time, method, path, status); seq, direction, event
/// and issues stay.
struct StreamColumns: Equatable {
    enum Kind: CaseIterable {
        case sequence, time, direction, method, path, event, site, user, dialect, status, issues
    }

    struct Column: Equatable {
        var kind: Kind
        var x: Int
        var width: Int
    }

    var columns: [Column]

    func column(_ kind: Kind) -> Column? { columns.first { $0.kind == kind } }

    static func title(_ kind: Kind) -> String {
        switch kind {
        case .sequence: "SEQ"
        case .time: "TIME"
        case .direction: ""
        case .method: "METHOD"
        case .path: "PATH"
        case .event: "EVENT"
        case .site: "SITE"
        case .user: "USER"
        case .dialect: "DIALECT"
        case .status: "HTTP"
        case .issues: "ISSUES"
        }
    }

    /// Right-aligned columns.
    static func isRightAligned(_ kind: Kind) -> Bool { kind == .sequence || kind == .status }

    /// Lays the columns out in `width` cells; `sequenceWidth` fits the largest sequence number.
    init(width: Int, sequenceWidth: Int) {
        var fixed: [Kind: Int] = [
            .sequence: max(3, sequenceWidth), .time: 12, .direction: 1, .method: 6,
            .dialect: 7, .status: 4, .issues: 7, .site: 6, .user: 12,
        ]
        var minimumFlex: [Kind: Int] = [.path: 12, .event: 12]
        let dropOrder: [Kind] = [.user, .site, .dialect, .time, .method, .path, .status]
        var kinds = Kind.allCases
        func needed() -> Int {
            kinds.reduce(0) { $0 + (fixed[$1] ?? minimumFlex[$1] ?? 0) } + kinds.count - 1
        }
        // The site and user columns come only when the event column keeps some room beside them.
        for kind in dropOrder where needed() + (kind == .user || kind == .site ? 12 : 0) > width {
            kinds.removeAll { $0 == kind }
            fixed[kind] = nil
            minimumFlex[kind] = nil
        }
        let fixedTotal = kinds.reduce(0) { $0 + (fixed[$1] ?? 0) } + kinds.count - 1
        let flexTotal = max(0, width - fixedTotal)
        var widths = fixed
        if kinds.contains(.path) {
            let path = max(minimumFlex[.path] ?? 0, min(flexTotal * 2 / 5, 40))
            widths[.path] = path
            widths[.event] = max(0, flexTotal - path)
        } else {
            widths[.event] = flexTotal
        }
        var x = 0
        columns = kinds.map { kind in
            defer { x += (widths[kind] ?? 0) + 1 }
            return Column(kind: kind, x: x, width: widths[kind] ?? 0)
        }
    }
}
