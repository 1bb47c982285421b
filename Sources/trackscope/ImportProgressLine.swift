import CaptureLog
import Foundation

/// The progress bar of `log import` on standard error, drawn only when standard error is a
/// terminal: a bar of the bytes read, the records done, their rate and the time left; redrawn at
/// most ten times a second and wiped at the end. (Replay has its own line, `ReplayCommand.ProgressLine`.)
struct ImportProgressLine {
    private let enabled: Bool
    private let started = ContinuousClock.now
    private var lastDrawn: ContinuousClock.Instant?

    init(enabled: Bool = isatty(2) == 1) {
        self.enabled = enabled
    }

    /// The line for `progress` after `seconds`, without the escape that clears the terminal line.
    static func text(_ progress: EventLinesImport.Progress, seconds: Double) -> String {
        let rate = seconds > 0 ? Double(progress.records) / seconds : 0
        var line = "import: "
        if let total = progress.totalBytes, total > 0 {
            let fraction = min(1, Double(progress.bytesRead) / Double(total))
            let filled = Int((fraction * 20).rounded(.down))
            line += "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: 20 - filled) + "] "
            line += "\(Int((fraction * 100).rounded(.down)))%  "
            line += "\(progress.records) records  \(Int(rate.rounded()))/s"
            if fraction > 0 {
                let left = Int((seconds / fraction - seconds).rounded())
                line += "  \(left / 60):\(String(format: "%02d", left % 60)) left"
            }
        } else {
            line += "\(progress.records) records  \(Int(rate.rounded()))/s"
        }
        return line
    }

    mutating func draw(_ progress: EventLinesImport.Progress) {
        guard enabled else { return }
        let now = ContinuousClock.now
        if let lastDrawn, now - lastDrawn < .milliseconds(100) { return }
        lastDrawn = now
        let elapsed = (now - started).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + Self.text(progress, seconds: seconds)).utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
