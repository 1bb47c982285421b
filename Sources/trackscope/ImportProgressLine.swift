import CaptureLog
import Foundation

/// The progress bar of `log import` (a `TerminalProgressLine`): a bar of the bytes read, the
/// records done, their rate and the time left.
struct ImportProgressLine {
    private let line: TerminalProgressLine
    private let started = ContinuousClock.now

    init(enabled: Bool = isatty(2) == 1) {
        line = TerminalProgressLine(enabled: enabled)
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
                line += "  \(TerminalProgressLine.clock(left)) left"
            }
        } else {
            line += "\(progress.records) records  \(Int(rate.rounded()))/s"
        }
        return line
    }

    func draw(_ progress: EventLinesImport.Progress) {
        line.draw(Self.text(progress, seconds: TerminalProgressLine.seconds(ContinuousClock.now - started)))
    }

    func finish() {
        line.finish()
    }
}
