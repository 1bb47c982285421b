/// What a replay from the inspector does, as typed in the replay form (`r`): the same choices as
/// `trackscope replay`'s options, read by the app when it starts the replay.
public struct ReplayOrder: Sendable, Equatable {
    /// `--to`: a base URL or an event endpoint's URL.
    public var target: String
    /// `--fresh-ids`.
    public var freshIds = false
    /// `--shift-time`: now, +2h, -30m; empty for none.
    public var shiftTime = ""
    /// `--test-code`; empty for none.
    public var testCode = ""
    /// `--site`; empty for the recorded one.
    public var siteId = ""
    /// `--convert`: legacy, v1, v2; empty for none.
    public var convert = ""
    /// `--rate`: 50/s, 300/m; empty for as fast as allowed.
    public var rate = ""
    /// `--concurrency`: the most requests in flight; empty for the default (4).
    public var concurrency = ""
    /// `--retries`: how many times a failed request is tried again; empty for none.
    public var retries = ""

    public init(target: String) {
        self.target = target
    }
}

/// The replay form: the records to replay, the order being filled in, and the field in focus.
public struct ReplayForm: Sendable, Equatable {
    /// The form's fields, top to bottom.
    public enum Field: Int, Sendable, CaseIterable {
        case target, freshIds, shiftTime, testCode, site, convert, rate, concurrency, retries
    }

    public var recordIndexes: [Int]
    public var order: ReplayOrder
    public var focus: Field = .target

    public init(recordIndexes: [Int], target: String) {
        self.recordIndexes = recordIndexes
        self.order = ReplayOrder(target: target)
    }

    /// The text of a text field (nil for the fresh-ids switch).
    public func text(of field: Field) -> String? {
        switch field {
        case .target: order.target
        case .freshIds: nil
        case .shiftTime: order.shiftTime
        case .testCode: order.testCode
        case .site: order.siteId
        case .convert: order.convert
        case .rate: order.rate
        case .concurrency: order.concurrency
        case .retries: order.retries
        }
    }

    /// Replaces the text of a text field.
    public mutating func setText(_ text: String, of field: Field) {
        switch field {
        case .target: order.target = text
        case .freshIds: break
        case .shiftTime: order.shiftTime = text
        case .testCode: order.testCode = text
        case .site: order.siteId = text
        case .convert: order.convert = text
        case .rate: order.rate = text
        case .concurrency: order.concurrency = text
        case .retries: order.retries = text
        }
    }
}
