extension KeyBinding {
    /// A group of bindings as the help screen and the README show them.
    public struct Section: Sendable, Hashable {
        /// The name of the README's marker and of `trackscope keys --markdown SECTION`.
        public var name: String
        /// The heading of the help screen's part and of the README table's first column.
        public var title: String
        public var contexts: Set<KeyContext>

        /// The bindings that apply in any of the section's contexts, in table order.
        public var bindings: [KeyBinding] {
            KeyBinding.table.filter { !$0.contexts.isDisjoint(with: contexts) }
        }
    }

    /// The list, a record, and the two lines typed in.
    public static let sections: [Section] = [
        Section(name: "list", title: "keys (list)", contexts: [.list]),
        Section(name: "record", title: "keys (record)", contexts: KeyContext.record),
        Section(name: "lines", title: "keys (filter bar `/`, command line `:`)", contexts: KeyContext.lines),
    ]

    /// The section's bindings as a Markdown table (what the README holds between its
    /// `<!-- keys:NAME -->` and `<!-- /keys -->` markers).
    public static func markdown(_ section: Section) -> String {
        var lines = ["| \(section.title) | what they do |", "|---|---|"]
        for binding in section.bindings {
            lines.append("| `\(binding.label)` | \(binding.help.replacingOccurrences(of: "|", with: "\\|")) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Sections as plain text: a heading, then one key and what it does a line.
    public static func text(_ shown: [Section] = sections) -> String {
        var lines: [String] = []
        for section in shown {
            if !lines.isEmpty { lines.append("") }
            lines.append(section.title.replacingOccurrences(of: "`", with: ""))
            let width = section.bindings.map(\.label.count).max() ?? 0
            for binding in section.bindings {
                lines.append("  " + binding.label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + binding.help)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
