import CaptureLog
import Foundation
import TrackingModel

/// Everything the terminal UI shows, as a value: the reducer changes it, the views draw it.
public struct AppState: Sendable, Equatable {
    /// The screen on view.
    public enum Screen: Sendable, Hashable {
        /// The live list of records.
        case stream
        /// One record in full.
        case detail
    }

    /// Whether the source has records to show.
    public enum SourceStatus: Sendable, Hashable {
        case waiting(reason: String)
        case available
        case failed(message: String)
    }

    /// The record opened on the detail screen.
    public struct Detail: Sendable, Equatable {
        public var recordIndex: Int
        /// Nil until the loop has read it from the source.
        public var record: CaptureRecord?
        /// The first detail line on screen (the tabs other than Tree).
        public var scroll: Int
        /// The tab on view.
        public var tab: DetailTab = .tree
        /// The tree of the record's events, built once when the record is loaded.
        public var tree: EventTree?
        /// The tree nodes that are open, by path (a node under a closed parent stays remembered).
        public var opened: Set<EventTree.Path> = []
        /// The node under the cursor.
        public var selected: EventTree.Path = []
        /// The first tree row on screen.
        public var treeOffset = 0
        /// The finding under the cursor on the Findings tab.
        public var findingIndex = 0

        public init(recordIndex: Int, record: CaptureRecord? = nil, scroll: Int = 0) {
            self.recordIndex = recordIndex
            self.scroll = scroll
            if let record { load(record) }
        }

        /// Keeps `record` and builds its tree, with the event and its properties open; `catalogue`
        /// holds the stored products of its items.
        public mutating func load(_ record: CaptureRecord, catalogue: ItemCatalogue = ItemCatalogue()) {
            self.record = record
            let tree = EventTreeBuilder.tree(for: record, catalogue: catalogue)
            self.tree = tree
            opened = tree.initiallyOpened
            selected = tree.roots.first.map { [$0.id] } ?? []
            treeOffset = 0
        }
    }

    /// The filter applied, with the records found to match (the filter bar is `finder.filterBar`).
    public struct Filter: Sendable, Equatable {
        /// The applied filter text; empty when no filter is applied.
        public var applied = ""
        /// The applied query, parsed.
        public var query = FilterQuery.all
        /// Bumped on every apply, so that results of an older scan are ignored.
        public var generation = 0
        /// Records 0 ..< scannedCount have been checked against `applied`.
        public var scannedCount = 0
        /// The matching record indexes, ascending.
        public var matches: [Int] = []

        public init() {}

        public var isActive: Bool { !applied.isEmpty }
    }

    /// A short message on the status line that goes away after a few ticks.
    public struct StatusMessage: Sendable, Hashable {
        public var text: String
        public var role: StyleRole
        public var remainingTicks: Int

        public init(_ text: String, role: StyleRole = .info, remainingTicks: Int = 60) {
            self.text = text
            self.role = role
            self.remainingTicks = remainingTicks
        }
    }

    /// The smallest terminal the UI lays out in; below it a message asks for more room.
    public static let minimumWidth = 40
    public static let minimumHeight = 10

    /// The capture log's path, as shown in the header.
    public var logPath: String
    public var width: Int
    public var height: Int
    public var source: SourceStatus
    /// How many records the source holds.
    public var recordCount = 0
    public var screen: Screen = .stream
    public var isShowingHelp = false
    /// The selected list position (an index into the filtered list when a filter is applied).
    public var selection: Int?
    /// The list position shown on the first row of the list.
    public var scrollTop = 0
    /// When true the selection stays on the newest record as records arrive.
    public var isFollowing = true
    /// Row summaries of the records around the visible window, by record index.
    public var rows: [Int: RecordSummary] = [:]
    public var detail: Detail?
    public var filter = Filter()
    /// The filter bar, the command line and what they ask of the application.
    public var finder = Finder()
    public var statusMessage: StatusMessage?
    /// Where the embedded collector listens (`http://127.0.0.1:8080`), when it runs.
    public var collectorAddress: String?
    /// The zone times are shown in.
    public var timeZone: TimeZone
    /// Set when the user asked to quit; the loop ends.
    public var shouldQuit = false
    /// Compose, marks, diff and replay (issue 13): each in its own type.
    public var compose: ComposeState?
    public var marks = Marks()
    public var diff: DiffState?
    public var replayForm: ReplayForm?
    public var effects = EffectsState()

    public init(logPath: String, width: Int, height: Int, timeZone: TimeZone = .current,
                source: SourceStatus = .waiting(reason: "waiting for records")) {
        self.logPath = logPath
        self.width = width
        self.height = height
        self.timeZone = timeZone
        self.source = source
    }
}
