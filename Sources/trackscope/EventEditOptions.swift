import ArgumentParser
import TrackingModel

/// `--set PATH=VALUE` and `--unset PATH`, the edits `send` and `convert` apply to every event
/// (after converting it, so paths are written in the dialect the event goes out in).
struct EventEditOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Set a field (repeatable): user.id=42, value=19.9, items[0].quantity=2. The value is read as JSON when it parses, else as a string; missing objects are created.",
        valueName: "path=value"))
    var assignments: [String] = []

    @Option(name: .customLong("unset"), help: ArgumentHelp(
        "Remove a field (repeatable): context.page, items[1].", valueName: "path"))
    var removals: [String] = []

    /// The edits in the order they apply: every --set, then every --unset.
    func edits() throws(JSONEditError) -> [JSONEdit] {
        var edits: [JSONEdit] = []
        for text in assignments { edits.append(try JSONEdit(assignment: text)) }
        for text in removals { edits.append(try JSONEdit(removal: text)) }
        return edits
    }

    var isEmpty: Bool { assignments.isEmpty && removals.isEmpty }

    /// Whether `edits` set the field a conversion reported missing (then there is nothing to say).
    static func supply(_ change: DialectConversion.Change, in edits: [JSONEdit]) -> Bool {
        change.kind == .missing && edits.contains { edit in
            if case .set(let path, _) = edit { return path == change.from }
            return false
        }
    }
}
