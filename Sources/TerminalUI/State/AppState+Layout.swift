extension AppState {
    /// True when the terminal is below the minimum size.
    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// Rows of the record list: the screen less the header, the column titles and the bottom lines.
    public var listHeight: Int { max(0, height - 2 - bottomHeight) }

    /// Rows of a detail tab's body: the screen less the header, the tab bar and the status bar.
    public var detailHeight: Int { detailLayout.contentHeight }

    /// Where the parts of the detail screen go.
    public var detailLayout: DetailLayout { DetailLayout(width: width, height: height) }

    /// How many entries the list has (the matches when a filter is applied).
    public var listCount: Int { filter.isActive ? filter.matches.count : recordCount }

    /// The record index shown at list position `position`.
    public func recordIndex(atListPosition position: Int) -> Int? {
        guard position >= 0, position < listCount else { return nil }
        return filter.isActive ? filter.matches[position] : position
    }

    /// The list positions on screen.
    public var visiblePositions: Range<Int> {
        let start = min(scrollTop, listCount)
        return start..<min(listCount, start + listHeight)
    }

    /// Record indexes on screen whose summaries the loop still has to load.
    public var missingRowIndexes: [Int] {
        guard screen == .stream, !isTooSmall else { return [] }
        return visiblePositions.compactMap(recordIndex(atListPosition:)).filter { rows[$0] == nil }
    }

    /// The record the detail screen waits for.
    public var pendingDetailIndex: Int? {
        guard let detail, detail.record == nil else { return nil }
        return detail.recordIndex
    }

    /// The next records to check against the applied filter, a bounded chunk at a time so that
    /// the keyboard stays responsive while a long log is scanned.
    public func pendingFilterScan(chunk: Int = 200) -> Range<Int>? {
        guard filter.isActive, filter.scannedCount < recordCount else { return nil }
        return filter.scannedCount..<min(recordCount, filter.scannedCount + chunk)
    }

    /// The next records to count for the header.
    public var pendingTally: Range<Int>? { finder.tally.pendingRange(recordCount: recordCount) }

    /// True when the loop has nothing to load for the current frame.
    public var isSettled: Bool {
        missingRowIndexes.isEmpty && pendingDetailIndex == nil && pendingFilterScan() == nil && pendingTally == nil
            && diff?.pendingIndex == nil
    }
}
