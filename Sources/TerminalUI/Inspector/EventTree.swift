import TrackingModel

/// The tree of a record's events, built once when the record opens: nodes know their label, their
/// value, the raw JSON path they came from and what the spec says about them. It holds no
/// expansion state: which nodes are open lives in `AppState.Detail` as a set of node paths.
public struct EventTree: Sendable, Equatable {
    /// A node's address: the ids from a root down to it (ids are unique among siblings).
    public typealias Path = [String]

    /// One node of the tree.
    public struct Node: Sendable, Equatable {
        /// Unique among its siblings.
        public var id: String
        public var label: String
        /// The value shown after the label (scalars as sent, `{3}` / `[2]` for containers).
        public var value: String?
        /// A dimmed remark after the value: a readable date, what a cookie is.
        public var note: String?
        /// Where the node's value is in the payload, when it has one place.
        public var rawPath: JSONPath?
        /// What the spec says about the field, when it is one the spec knows.
        public var field: FieldSpec?
        /// Who defines the field (`purchase`, `user`, `item`): "required by purchase".
        public var specOwner: String?
        /// A required field that is absent: shown dimmed as "missing".
        public var isMissing: Bool
        public var children: [Node]

        public init(id: String, label: String, value: String? = nil, note: String? = nil, rawPath: JSONPath? = nil,
                    field: FieldSpec? = nil, specOwner: String? = nil, isMissing: Bool = false, children: [Node] = []) {
            self.id = id
            self.label = label
            self.value = value
            self.note = note
            self.rawPath = rawPath
            self.field = field
            self.specOwner = specOwner
            self.isMissing = isMissing
            self.children = children
        }
    }

    /// One visible row: a node and where it is.
    public struct Row: Sendable, Equatable {
        public var path: Path
        public var depth: Int
        public var node: Node
    }

    public var roots: [Node]
    /// The findings of the record, with their paths read as JSON paths.
    public var findings: [Finding]
    /// The request body, for line and column lookups (nil when it is not one JSON document).
    public var document: [UInt8]?

    public init(roots: [Node], findings: [Finding] = [], document: [UInt8]? = nil) {
        self.roots = roots
        self.findings = findings
        self.document = document
    }

    /// The node at `path`.
    public func node(at path: Path) -> Node? {
        var nodes = roots
        var found: Node?
        for id in path {
            guard let next = nodes.first(where: { $0.id == id }) else { return nil }
            found = next
            nodes = next.children
        }
        return found
    }

    /// The visible rows: depth first, descending only into opened nodes.
    public func rows(opened: Set<Path>) -> [Row] {
        var rows: [Row] = []
        func visit(_ nodes: [Node], parent: Path, depth: Int) {
            for node in nodes {
                let path = parent + [node.id]
                rows.append(Row(path: path, depth: depth, node: node))
                if !node.children.isEmpty, opened.contains(path) { visit(node.children, parent: path, depth: depth + 1) }
            }
        }
        visit(roots, parent: [], depth: 0)
        return rows
    }

    /// The paths of every node that has children (what `*` opens).
    public var expandablePaths: Set<Path> {
        var paths: Set<Path> = []
        func visit(_ nodes: [Node], parent: Path) {
            for node in nodes where !node.children.isEmpty {
                paths.insert(parent + [node.id])
                visit(node.children, parent: parent + [node.id])
            }
        }
        visit(roots, parent: [])
        return paths
    }

    /// What is open when a record is first shown: the event (each event of a batch) and its
    /// properties.
    public var initiallyOpened: Set<Path> {
        var paths: Set<Path> = []
        for root in roots where !root.children.isEmpty {
            if root.id == "event" || root.id == "properties" || root.id.hasPrefix("event-") { paths.insert([root.id]) }
        }
        return paths
    }

    /// The path of the deepest node whose raw path is `target`, or of its nearest ancestor in the
    /// payload that is in the tree (a missing field's parent). Group nodes that only name a part
    /// of the event (Event) are skipped when a more specific node matches.
    public func path(forRawPath target: JSONPath) -> Path? {
        var candidate = target
        while true {
            if let found = exactPath(forRawPath: candidate) { return found }
            guard !candidate.components.isEmpty else { return nil }
            candidate.components.removeLast()
        }
    }

    private func exactPath(forRawPath target: JSONPath) -> Path? {
        var best: (path: Path, isGroup: Bool)?
        func visit(_ nodes: [Node], parent: Path) {
            for node in nodes {
                let path = parent + [node.id]
                if node.rawPath == target {
                    let isGroup = node.id == "event" || node.id.hasPrefix("event-")
                    if best == nil || (best!.isGroup && !isGroup) { best = (path, isGroup) }
                }
                visit(node.children, parent: path)
            }
        }
        visit(roots, parent: [])
        return best?.path
    }

    /// The findings about `node` (their path is the node's raw path).
    public func findings(of node: Node) -> [Finding] {
        guard let rawPath = node.rawPath else { return [] }
        return findings.filter { Self.path(of: $0) == rawPath }
    }

    /// A finding's path as a JSON path (`$.currency` and `currency` alike).
    public static func path(of finding: Finding) -> JSONPath {
        var text = Substring(finding.path)
        if text.hasPrefix("$") { text = text.dropFirst() }
        if text.hasPrefix(".") { text = text.dropFirst() }
        return text.isEmpty ? .root : JSONPath(parsing: String(text))
    }

    /// Where `node`'s value is in the raw body.
    public func position(of node: Node) -> SourcePosition? {
        guard let document, let rawPath = node.rawPath, !node.isMissing else { return nil }
        return JSONLocator.position(of: rawPath, in: document)
    }
}
