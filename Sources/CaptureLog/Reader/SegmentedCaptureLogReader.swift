import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A capture log read together with its kept rotated segments, as one list of records, oldest
/// first: `capture.5.jsonl` ... `capture.1.jsonl`, then the live `capture.jsonl`. `refresh()`
/// follows the live file across rotations, and the records already seen keep their indices: the
/// file that was live is read on as segment 1, and the records of a segment a rotation removes
/// keep their places as records that can no longer be read (`CaptureLogError.rotatedAway`). Each
/// file has its own `CaptureLogReader`; a segment's reader reads through its open file, whatever
/// the file is renamed to later.
public final class SegmentedCaptureLogReader: @unchecked Sendable {
    /// The live file.
    public let url: URL
    private let lock = NSLock()
    private let live: CaptureLogReader
    /// The rotated segments' readers, oldest first.
    private var segments: [CaptureLogReader]
    /// Records seen before in segments that rotations have removed: the first indices.
    private var rotatedAway = 0
    /// The newest record's sequence as of `count` records.
    private var newest: (count: Int, sequence: UInt64?) = (0, nil)
    /// Segments that could not be read (not a capture log, say), and why: left out.
    private var unreadable: [(path: String, error: any Error)] = []

    private let useSidecar: Bool

    /// Opens the live file at `url` (a missing file is an empty log) and the segments kept beside
    /// it. Throws for a file that is not a capture log. `useSidecar` as for `CaptureLogReader`.
    public init(url: URL, useSidecar: Bool = true) throws {
        self.url = url
        self.useSidecar = useSidecar
        self.live = try CaptureLogReader(url: url, useSidecar: useSidecar)
        (segments, unreadable) = Self.segmentReaders(of: url, reusing: [], live: live.openedIdentity,
                                                     useSidecar: useSidecar)
    }

    /// How many records there are: in the segments and the live file, after those rotated away.
    public var count: Int { lock.withLock { rotatedAway + countLocked } }

    /// How many of the first records went with segments that rotations removed.
    public var rotatedAwayCount: Int { lock.withLock { rotatedAway } }

    /// How many rotated segments are read.
    public var segmentCount: Int { lock.withLock { segments.count } }

    /// The readers of the files as they stand: the segments, oldest first, then the live file.
    public var files: [CaptureLogReader] { lock.withLock { segments + [live] } }

    /// Record `index` (0-based, oldest first across the segments), decoded now. Throws
    /// `CaptureLogError.rotatedAway` for a record whose segment was removed.
    public func record(at index: Int) throws -> CaptureRecord {
        let (reader, local) = try locate(index)
        return try reader.record(at: local)
    }

    /// The summary of record `index` (what counting needs, without decoding its bodies).
    public func summary(at index: Int) throws -> CaptureRecordSummary {
        let (reader, local) = try locate(index)
        return try reader.summary(at: local)
    }

    /// What a user should be told once, for every file read.
    public var warnings: [String] {
        lock.withLock {
            (segments + [live]).flatMap(\.warnings) + unreadable.map { "\($0.path): not read, left out (\($0.error))" }
        }
    }

    /// Why the first segment that could not be read was left out; nil when every one was read.
    public var firstUnreadableSegment: (any Error)? {
        lock.withLock { unreadable.first?.error }
    }

    /// Looks at the live file again. New records are `.appended` (indices across the segments):
    /// also after a rotation, whose records the new live file follows, and after a rotation that
    /// removed the oldest segments (their records keep their indices, rotated away). It is
    /// `.reset` when what was read no longer holds: the log was replaced, truncated or reset.
    @discardableResult
    public func refresh() throws -> CaptureLogReader.Change {
        try lock.withLock {
            let before = rotatedAway + countLocked
            let lastSequenceBefore = newestSequenceLocked()
            let readersBefore = segments + [live]
            let identitiesBefore = readersBefore.map(\.openedIdentity)
            let countsBefore = readersBefore.map(\.count)
            let change = try live.refresh()
            guard case .reset(let reason) = change else {
                let now = rotatedAway + countLocked
                return now > before ? .appended(before..<now) : .unchanged
            }
            (segments, unreadable) = Self.segmentReaders(of: url, reusing: segments, live: live.openedIdentity,
                                                         useSidecar: useSidecar)
            // A rotation while the files were looked at can leave the live reader on a file that is
            // a segment by now: the files' records are then out of order. Look again.
            for _ in 0..<20 where !Self.inSequenceOrder(segments + [live]) {
                usleep(1_000)
                try live.refresh()
                (segments, unreadable) = Self.segmentReaders(of: url, reusing: segments, live: live.openedIdentity,
                                                             useSidecar: useSidecar)
            }
            newest = (-1, nil)
            var identitiesNow = segments.map(\.openedIdentity)
            // The live file may be missing for a moment: renamed into segment 1, its successor
            // not created yet.
            if let identity = live.openedIdentity { identitiesNow.append(identity) }
            // A rotation keeps the newer files in order and drops the oldest; numbering goes on.
            let firstKept = identitiesBefore.firstIndex { $0 != nil && identitiesNow.contains($0) } ?? identitiesBefore.count
            let keptInOrder = identitiesNow.starts(with: identitiesBefore[firstKept...])
            let firstNow = try? (segments + [live]).first { $0.count > 0 }?.record(at: 0).sequence
            let numberingGoesOn = firstNow.flatMap { first in lastSequenceBefore.map { first > $0 } } ?? false
            guard identitiesBefore.last != nil, keptInOrder, firstKept < identitiesBefore.count || numberingGoesOn else {
                rotatedAway = 0
                return .reset(reason: reason)
            }
            rotatedAway += countsBefore[..<firstKept].reduce(0, +)
            let now = rotatedAway + countLocked
            return now > before ? .appended(before..<now) : .unchanged
        }
    }

    /// Whether each file's records all come before the next file's.
    private static func inSequenceOrder(_ files: [CaptureLogReader]) -> Bool {
        var previousLast: UInt64?
        for file in files where file.count > 0 {
            guard let first = try? file.record(at: 0).sequence, let last = try? file.record(at: file.count - 1).sequence
            else { continue }
            if let previousLast, first <= previousLast { return false }
            previousLast = last
        }
        return true
    }

    private var countLocked: Int { segments.reduce(live.count) { $0 + $1.count } }

    /// The sequence of the newest record read, decoded only when the count changed.
    private func newestSequenceLocked() -> UInt64? {
        let count = countLocked
        if newest.count != count {
            let reader = ([live] + segments.reversed()).first { $0.count > 0 }
            newest = (count, reader.flatMap { try? $0.record(at: $0.count - 1).sequence })
        }
        return newest.sequence
    }

    private func locate(_ index: Int) throws -> (CaptureLogReader, Int) {
        try lock.withLock {
            guard index >= rotatedAway else {
                throw index >= 0 ? CaptureLogError.rotatedAway(index) : CaptureLogError.noSuchRecord(index)
            }
            var local = index - rotatedAway
            for reader in segments + [live] {
                let count = reader.count
                if local < count { return (reader, local) }
                local -= count
            }
            throw CaptureLogError.noSuchRecord(index)
        }
    }

    /// Readers of the segments that exist now, oldest first; a reader of `existing` is kept when
    /// its file is still there (under whatever number), so that it is not indexed again, and the
    /// live file (`live`) is never taken for a segment. A segment that cannot be read is
    /// left out, with the reason.
    ///
    /// A rotation renames the segments one after another, and a writer may rotate again while
    /// this runs: a listing taken meanwhile can miss a file or see one twice. So the files are
    /// listed until two listings in a row agree, and the whole is done again when a file opened
    /// is not the one listed (it was renamed in between).
    private static func segmentReaders(of url: URL, reusing existing: [CaptureLogReader], live: LogFileIdentity?,
                                       useSidecar: Bool)
        -> (readers: [CaptureLogReader], unreadable: [(path: String, error: any Error)]) {
        var known = Dictionary(existing.compactMap { reader in reader.openedIdentity.map { ($0, reader) } },
                               uniquingKeysWith: { first, _ in first })
        var result: (readers: [CaptureLogReader], unreadable: [(path: String, error: any Error)]) = ([], [])
        for _ in 0..<5 {
            result = ([], [])
            var renamedMeanwhile = false
            for (path, identity) in stableListing(of: url) where identity != live {
                if let reader = known[identity] {
                    result.readers.append(reader)
                    continue
                }
                do {
                    let reader = try CaptureLogReader(url: URL(fileURLWithPath: path), useSidecar: useSidecar)
                    guard reader.openedIdentity == identity else {
                        renamedMeanwhile = true
                        break
                    }
                    known[identity] = reader
                    result.readers.append(reader)
                } catch {
                    result.unreadable.append((path, error))
                }
            }
            if !renamedMeanwhile { break }
        }
        return result
    }

    /// The segment files, oldest first, with their identities, as two listings in a row (taken
    /// at most 20 times, 2 ms apart) agree.
    private static func stableListing(of url: URL) -> [(path: String, identity: LogFileIdentity)] {
        func listing() -> [(path: String, identity: LogFileIdentity)] {
            CaptureLogSegments.numbers(of: url).reversed().compactMap { number in
                let path = CaptureLogSegments.path(of: url.path, segment: number)
                return LogFileIdentity(path: path).map { (path, $0) }
            }
        }
        var previous = listing()
        for _ in 0..<20 {
            usleep(2_000)
            let next = listing()
            if next.map(\.identity) == previous.map(\.identity) { return next }
            previous = next
        }
        return previous
    }
}

/// What tells one log file from another: its inode, and its header line (which holds the time it
/// was created), since a file system soon gives a removed file's inode to a new file.
struct LogFileIdentity: Hashable {
    let inode: UInt64
    let header: [UInt8]

    init(inode: UInt64, header: [UInt8]) {
        self.inode = inode
        self.header = header
    }

    /// The identity of the file at `path` now; nil when there is none.
    init?(path: String) {
        guard let fd = try? POSIX.open(path, O_RDONLY) else { return nil }
        defer { close(fd) }
        guard let info = try? POSIX.fstat(fd, path: path),
              let first = try? POSIX.readBytes(fd, offset: 0, count: 4096, path: path) else { return nil }
        self.init(inode: UInt64(info.st_ino), header: Array(first.prefix { $0 != 0x0A }))
    }
}

extension CaptureLogReader {
    /// The identity of the file this reader has open; nil when none is.
    var openedIdentity: LogFileIdentity? {
        lock.withLock { fd >= 0 ? LogFileIdentity(inode: inode, header: headerLine) : nil }
    }
}
