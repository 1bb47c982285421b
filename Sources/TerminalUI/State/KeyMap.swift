/// Turns keys into commands, in context, from the key binding table (`KeyBinding.table`): the
/// first binding of the context that names the key wins. On a line being typed (the filter bar,
/// the command line) any other character is typed in.
public enum KeyMap {
    /// The command `key` means in `context`, or nil when it means nothing there.
    public static func command(for key: Key, in context: KeyContext) -> KeyCommand? {
        for binding in KeyBinding.table {
            if let command = binding.command(for: key, in: context) { return command }
        }
        if KeyContext.lines.contains(context), case .character(let character) = key {
            return .line(.insert(character))
        }
        return nil
    }
}
