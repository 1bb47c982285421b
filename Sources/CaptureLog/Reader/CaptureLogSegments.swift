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

    /// The numbers of the rotated segments that exist, newest first: `1, 2, ...` up to the first
    /// one missing.
    public static func numbers(of url: URL) -> [Int] {
        var numbers: [Int] = []
        while FileManager.default.fileExists(atPath: path(of: url.path, segment: numbers.count + 1)) {
            numbers.append(numbers.count + 1)
        }
        return numbers
    }

    /// The existing segments of a log, oldest first, the live file last (when it exists).
    public static func existing(of url: URL) -> [URL] {
        var result = numbers(of: url).reversed().map { URL(fileURLWithPath: path(of: url.path, segment: $0)) }
        if FileManager.default.fileExists(atPath: url.path) { result.append(url) }
        return result
    }
}
