/// The keys, in full, from the key binding table: the part for the screen the help was opened on
/// first, then typing in the filter bar and the command line, then the other screen's.
public enum HelpView {
    /// The sections in the order they are shown from `context`.
    static func orderedSections(from screen: AppState.Screen) -> [KeyBinding.Section] {
        let first = screen == .stream ? "list" : "record"
        let sections = KeyBinding.sections
        return sections.filter { $0.name == first } + sections.filter { $0.name == "lines" }
            + sections.filter { $0.name != first && $0.name != "lines" }
    }

    public static func render(_ state: AppState, into buffer: inout ScreenBuffer) {
        for row in 0..<max(0, buffer.height - 1) { buffer.fill(row: row, role: .normal) }
        buffer.fill(row: 0, role: .title)
        buffer.write("trackscope — keys", column: 0, row: 0, role: .title)
        let sections = orderedSections(from: state.screen)
        let keyWidth = min(sections.flatMap(\.bindings).map(\.label.count).max() ?? 0, buffer.width / 3)
        var row = 1
        for section in sections {
            row += 1
            guard row < buffer.height - 1 else { return }
            buffer.write(section.title.replacingOccurrences(of: "`", with: ""), column: 0, row: row, role: .title)
            row += 1
            for binding in section.bindings {
                let line = StyledLine([
                    StyledSpan("  " + TextFitting.fit(binding.label, width: keyWidth), role: .jsonKey),
                    StyledSpan("  " + binding.help),
                ])
                for piece in line.wrapped(width: buffer.width, indent: keyWidth + 4) {
                    guard row < buffer.height - 1 else { return }
                    buffer.write(piece, column: 0, row: row)
                    row += 1
                }
            }
        }
    }
}
