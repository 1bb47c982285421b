import TrackingModel

/// The compose flow of the inspector (`c`, `e`): pick a start, edit the text (an external editor
/// or the built-in one), see it validated with line and column of every finding, choose the
/// target, send.
public struct ComposeState: Sendable, Equatable {
    /// Where the flow is.
    public enum Step: Sendable, Equatable {
        /// The start is being picked from `choices`.
        case choosing
        /// The text is with the editor, or being validated.
        case editing
        /// The built-in editor has the text.
        case builtInEditor
        /// The validation is shown, with the target; the user sends, edits again or cancels.
        case reviewing
        /// A field of the review screen is being typed in (`fieldDraft`).
        case typing(Field)
        /// The send is under way.
        case sending
    }

    /// The fields of the review screen.
    public enum Field: Sendable, Equatable {
        case target, site
    }

    /// One start the picker offers.
    public enum Choice: Sendable, Equatable {
        /// A copy of the record at `recordIndex` (`label`: its sequence and event, when known).
        case copy(recordIndex: Int, label: String)
        /// The annotated example of a standard event.
        case template(String)

        public var source: ComposeSource {
            switch self {
            case .copy(let index, _): .record(index)
            case .template(let name): .template(name)
            }
        }

        public var label: String {
            switch self {
            case .copy(_, let label): label
            case .template(let name): name
            }
        }
    }

    public var step: Step
    /// What is composed, for the title: "purchase template", "record #3 edited".
    public var title: String
    public var choices: [Choice] = []
    public var choiceIndex = 0
    /// The text as last edited.
    public var text = ""
    /// Its validation, once validated.
    public var report: PayloadReport?
    /// Where it goes: a base URL or an event endpoint's URL.
    public var target: String
    /// The site id (`tc_s`); empty when the target URL names it or none is known yet.
    public var siteId = ""
    /// The text of the field being typed in.
    public var fieldDraft = ""
    /// The built-in editor, while it has the text.
    public var textArea: TextArea?
    /// The first finding line on screen.
    public var scroll = 0

    public init(step: Step, title: String, target: String) {
        self.step = step
        self.title = title
        self.target = target
    }

    /// The findings of the last validation, in the order of the text (line, then column).
    public var findings: [Finding] {
        (report?.allFindings ?? []).sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }
    }

    /// How many error findings the last validation gave.
    public var errorCount: Int { findings.count { $0.severity == .error } }
}
