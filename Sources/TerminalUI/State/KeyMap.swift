/// Turns keys into commands. Vim-style and arrow keys both work; the filter line takes text.
///
/// | key | stream | detail |
/// |---|---|---|
/// | j / ↓, k / ↑ | select next / previous | move in the tree, the findings; scroll |
/// | PgDn, PgUp / b | page | page |
/// | Space | page | open / close the tree node |
/// | g / Home, G / End | first / last (G resumes following) | top / bottom |
/// | Enter | open the record | expand; on Findings, jump to the field |
/// | → / l, ← / h | open the record, — | expand; collapse or go to the parent |
/// | * , - | — | expand all, collapse all |
/// | Tab / Shift-Tab, 1 … 5 | — | next / previous tab; Tree, Raw, Headers, Findings, Answer |
/// | n, p | — | next / previous record |
/// | / | edit the filter | edit the filter |
/// | Esc | clear the filter | back to the stream |
/// | c, e | compose an event; edit the selected one and send it again | the same |
/// | m, M | mark / unmark the record; all the filter selects | mark / unmark the record |
/// | r, d | replay the selected or marked records; diff two marked ones | the same |
/// | q | quit | back to the stream |
/// | ? | help | help |
/// | Ctrl-C | quit | quit |
public enum KeyMap {
    /// The command `key` means on `screen`, or nil when it means nothing there.
    public static func command(for key: Key, screen: AppState.Screen, isEditingFilter: Bool) -> KeyCommand? {
        if key == .control("c") { return .quit }
        if isEditingFilter {
            switch key {
            case .character(let character): return .filterInsert(character)
            case .backspace, .delete, .control("h"): return .filterDeleteBackward
            case .enter: return .filterApply
            case .escape: return .filterCancel
            default: return nil
            }
        }
        if let command = composeCommand(for: key) { return command }
        if screen == .detail, let command = detailCommand(for: key) { return command }
        switch key {
        case .character("j"), .down: return .moveDown
        case .character("k"), .up: return .moveUp
        case .pageDown, .character(" "), .control("f"), .control("d"): return .pageDown
        case .pageUp, .character("b"), .control("b"), .control("u"): return .pageUp
        case .character("g"), .home: return .top
        case .character("G"), .end: return .bottom
        case .character("/"): return .beginFilter
        case .character("?"), .function(1): return .toggleHelp
        case .escape: return .back
        case .character("q"):
            return screen == .stream ? .quit : .back
        case .enter, .right, .character("l"):
            return screen == .stream ? .open : nil
        case .left, .character("h"):
            return screen == .stream ? nil : .back
        case .character("n"):
            return screen == .detail ? .nextRecord : nil
        case .character("p"), .character("N"):
            return screen == .detail ? .previousRecord : nil
        default:
            return nil
        }
    }

    /// Compose, marks, replay and diff: the same on the stream and on a record.
    private static func composeCommand(for key: Key) -> KeyCommand? {
        switch key {
        case .character("c"): .compose
        case .character("e"): .editAndResend
        case .character("m"): .toggleMark
        case .character("M"): .toggleMarkAll
        case .character("r"): .replay
        case .character("d"): .diff
        default: nil
        }
    }

    /// The keys that mean something else on a record than in the list.
    private static func detailCommand(for key: Key) -> KeyCommand? {
        switch key {
        case .enter: .activate
        case .right, .character("l"): .expand
        case .left, .character("h"): .collapse
        case .character(" "): .toggle
        case .character("*"): .expandAll
        case .character("-"): .collapseAll
        case .tab: .nextTab
        case .backTab: .previousTab
        case .character(let digit) where digit.isASCII && digit.isNumber:
            digit.wholeNumberValue.flatMap { DetailTab(rawValue: $0 - 1) }.map(KeyCommand.selectTab)
        default: nil
        }
    }
}
