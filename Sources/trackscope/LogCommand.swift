import ArgumentParser
import CaptureLog
import Foundation
import TrackingModel

/// `trackscope log`: look into the capture log from the command line (stats, show, filter), and
/// exchange it with other tools (export, import).
struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Read, filter, export and import the capture log.",
        subcommands: [Stats.self, Show.self, Filter.self, Export.self, Import.self]
    )
}

extension LogCommand {
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(("trackscope: " + text + "\n").utf8))
    }

    static func fail(_ text: String, code: Int32 = 1) -> Never {
        standardError(text)
        Foundation.exit(code)
    }
}

/// Buffered standard output for commands that print many lines.
struct StandardOutput {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    mutating func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func write(_ text: String) { write(Array(text.utf8)) }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(1, raw.baseAddress! + offset, raw.count - offset)
                if written <= 0 {
                    if errno == EINTR { continue }
                    Foundation.exit(errno == EPIPE ? 0 : 1)
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
