import TrackingModel

/// The structural difference of two event trees (`EventTreeBuilder`): the fields added, removed
/// and changed, each with its place in the tree and its path in the payload. Nodes are matched by
/// their ids, so that the same field reads the same in every dialect; a required field shown as
/// missing counts as absent. Containers are compared through their members, scalars by value.
public enum EventTreeDiff {
    /// One difference.
    public struct Change: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case added, removed, changed
        }

        public var kind: Kind
        /// The node's ids from a root down to it.
        public var path: EventTree.Path
        /// The labels of the node and of its ancestors, root first (what the tree shows).
        public var labels: [String]
        /// Where the field is in the payload (the second's, or the first's when removed).
        public var rawPath: JSONPath?
        /// The value before (nil when added) and after (nil when removed), as the tree shows it.
        public var old: String?
        public var new: String?

        public init(kind: Kind, path: EventTree.Path, labels: [String], rawPath: JSONPath?, old: String?, new: String?) {
            self.kind = kind
            self.path = path
            self.labels = labels
            self.rawPath = rawPath
            self.old = old
            self.new = new
        }
    }

    /// The changes from `first` to `second`, in the tree's order (the second's, with what was
    /// removed where it stood in the first).
    public static func changes(from first: EventTree, to second: EventTree) -> [Change] {
        var changes: [Change] = []
        compare(first.roots, second.roots, path: [], labels: [], into: &changes)
        return changes
    }

    private static func compare(_ old: [EventTree.Node], _ new: [EventTree.Node], path: EventTree.Path, labels: [String],
                                into changes: inout [Change]) {
        let oldNodes = old.filter { !$0.isMissing }
        let newNodes = new.filter { !$0.isMissing }
        let oldById = Dictionary(oldNodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newIds = Set(newNodes.map(\.id))
        // The removed nodes go before the first node that followed them in the old list.
        var removedBefore: [String: [EventTree.Node]] = [:]
        var trailingRemoved: [EventTree.Node] = []
        var waiting: [EventTree.Node] = []
        for node in oldNodes {
            if newIds.contains(node.id) {
                if !waiting.isEmpty { removedBefore[node.id] = waiting; waiting = [] }
            } else {
                waiting.append(node)
            }
        }
        trailingRemoved = waiting

        func removed(_ node: EventTree.Node) {
            changes.append(Change(kind: .removed, path: path + [node.id], labels: labels + [node.label],
                                  rawPath: node.rawPath, old: text(of: node), new: nil))
        }
        for node in newNodes {
            for gone in removedBefore[node.id] ?? [] { removed(gone) }
            let nodePath = path + [node.id]
            let nodeLabels = labels + [node.label]
            guard let before = oldById[node.id] else {
                changes.append(Change(kind: .added, path: nodePath, labels: nodeLabels, rawPath: node.rawPath,
                                      old: nil, new: text(of: node)))
                continue
            }
            let bothContainers = !before.children.isEmpty && !node.children.isEmpty
            if bothContainers {
                compare(before.children, node.children, path: nodePath, labels: nodeLabels, into: &changes)
            } else if text(of: before) != text(of: node) || before.children.isEmpty != node.children.isEmpty {
                changes.append(Change(kind: .changed, path: nodePath, labels: nodeLabels, rawPath: node.rawPath,
                                      old: text(of: before), new: text(of: node)))
            }
        }
        for gone in trailingRemoved { removed(gone) }
    }

    /// A node's value as the tree shows it (`{3}`, `[2]`, `"EUR"`, `16.00`).
    private static func text(of node: EventTree.Node) -> String {
        node.value ?? (node.children.isEmpty ? "" : "{\(node.children.count)}")
    }
}
