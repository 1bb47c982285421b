import ArgumentParser
import Foundation

/// A number of bytes given on the command line: `1048576`, or with a 1024-based unit, `512K`,
/// `100M`, `2G` (`KB`, `MB`, `GB`, `KiB`, `MiB`, `GiB` too, in any case).
struct ByteCountArgument: ExpressibleByArgument, Sendable, Hashable {
    let bytes: Int

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces)
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let number = Int(digits) else { return nil }
        let multiplier: Int
        switch text.dropFirst(digits.count).lowercased() {
        case "", "b": multiplier = 1
        case "k", "kb", "kib": multiplier = 1 << 10
        case "m", "mb", "mib": multiplier = 1 << 20
        case "g", "gb", "gib": multiplier = 1 << 30
        default: return nil
        }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { return nil }
        self.bytes = bytes
    }
}
