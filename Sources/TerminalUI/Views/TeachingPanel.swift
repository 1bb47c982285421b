import TrackingModel

/// What a person learns about the node under the cursor: what the field is (from the spec
/// catalogue, or what a cookie is), its expected type, whether this event requires it, where its
/// value is in the raw body, and what was found wrong with it.
public enum TeachingPanel {
    /// The panel's lines for `node` of `tree`, before wrapping.
    public static func lines(for node: EventTree.Node, in tree: EventTree) -> [StyledLine] {
        var lines: [StyledLine] = []
        lines.append(StyledLine(explanation(of: node)))
        var facts = StyledLine()
        if let field = node.field {
            facts.append("type ", role: .dim)
            facts.append(field.type.displayName, role: .jsonKey)
            facts.append(" · ", role: .dim)
            switch field.requirement {
            case .required:
                facts.append("required by \(node.specOwner ?? "the spec")", role: node.isMissing ? .error : .normal)
            case .optional:
                facts.append("optional", role: .dim)
            case .conditional(let condition):
                facts.append("required when \(condition)", role: .normal)
            }
            if let allowed = field.allowedValues {
                facts.append(" · one of \(allowed.joined(separator: ", "))", role: .dim)
            }
        } else if let value = node.value, !node.isMissing {
            facts.append("value ", role: .dim)
            facts.append(value)
        }
        if !facts.spans.isEmpty { lines.append(facts) }
        if node.isMissing {
            lines.append(StyledLine("missing: not in the body", role: .error))
        } else if let position = tree.position(of: node) {
            lines.append(StyledLine("at line \(position.line), column \(position.column) of the raw body", role: .dim))
        }
        for finding in tree.findings(of: node) {
            var line = StyledLine(finding.severity.rawValue + " ", role: DetailTabs.role(of: finding.severity))
            line.append(finding.code, role: DetailTabs.role(of: finding.severity))
            line.append(": " + finding.message)
            if let hint = finding.hint { line.append(" (\(hint))", role: .dim) }
            lines.append(line)
        }
        return lines
    }

    /// The one line that says what the node is.
    static func explanation(of node: EventTree.Node) -> String {
        if let field = node.field { return field.explanation }
        if let note = node.note, node.id.hasPrefix("c:") { return "Cookie \(node.label): \(note)." }
        switch node.id {
        case "event": return "What happened: the event's name, id and time."
        case "properties":
            if let name = node.specOwner, let spec = SpecCatalogue.event(named: name) { return spec.summary }
            return "The event's own fields."
        case "user": return SpecCatalogue.object(named: "user")?.summary ?? "Who the event is about."
        case "device": return SpecCatalogue.object(named: "device")?.summary ?? "The device that sent the event."
        case "cookies": return "The device's cookie string, one row per cookie."
        case "page": return SpecCatalogue.object(named: "page")?.summary ?? "The page the event happened on."
        case "context": return SpecCatalogue.object(named: "context")?.summary ?? "Where the event comes from."
        case "name": return "The event's name: a standard event or one of your own."
        case "id": return "The event id: unique per event, used to deduplicate."
        case "timestamp": return "When the event happened, in milliseconds since 1970 (UTC)."
        default:
            if node.id.hasPrefix("c:") { return "Cookie \(node.label): not a well-known cookie." }
            if node.id.hasPrefix("event-") { return "One event of the batch." }
            if node.label.hasPrefix("[") { return "An element of the array." }
            return node.isMissing ? "A field this event requires." : "A field the reference does not describe here."
        }
    }
}
