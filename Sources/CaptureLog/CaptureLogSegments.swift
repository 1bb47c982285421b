import Foundation

/// Rotated segments of a capture log: `capture.jsonl` is the live file, `capture.1.jsonl` the
/// most recent full one, `capture.2.jsonl` the one before, and so on.
public enum CaptureLogSegments {
    /// The path of segment `number` (0 is the live file).
    public static func path(of live: String, segment number: Int) -> String {
        guard number > 0 else { return live }
        let directory = NSStringPath(live).parent
        let name = String(live.split(separator: "/").last ?? Substring(live))
        let segmentName: String
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            segmentName = "\(name[..<dot]).\(number)\(name[dot...])"
        } else {
            segmentName = "\(name).\(number)"
        }
        return directory == "." && !live.hasPrefix("./") ? segmentName : "\(directory == "/" ? "" : directory)/\(segmentName)"
    }

    /// The existing segments of a log, oldest first, the live file last (when it exists).
    public static func existing(of url: URL) -> [URL] {
        var result: [URL] = []
        var number = 1
        while FileManager.default.fileExists(atPath: path(of: url.path, segment: number)) {
            result.append(URL(fileURLWithPath: path(of: url.path, segment: number)))
            number += 1
        }
        result.reverse()
        if FileManager.default.fileExists(atPath: url.path) { result.append(url) }
        return result
    }
}
